import Link from "next/link";

export default function NotFound() {
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Not found</h1>
        <p className="muted">
          This page does not exist, or it belongs to a workspace you are not a member of.
        </p>
        <Link className="button" href="/">
          Back to designs
        </Link>
      </div>
    </main>
  );
}
