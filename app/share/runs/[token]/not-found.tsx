import { PublicTopBar } from "@/components/layout/public-top-bar";

export default function SharedRunNotFound() {
  return (
    <>
      <PublicTopBar note="Shared run" />
      <main className="run-page">
        <div className="empty-state" role="alert">
          <h1>This link is no longer valid.</h1>
          <p>It was revoked, it expired, or the run was deleted. Ask whoever shared it for a new link.</p>
        </div>
      </main>
    </>
  );
}
