import { DesignList } from "@/components/designs/design-list";
import { TopBar } from "@/components/layout/top-bar";
import { atLeast } from "@/server/auth/roles";
import { requireViewer } from "@/server/auth/page-session";

export default async function HomePage() {
  const { caller, user } = await requireViewer();
  return (
    <>
      <TopBar email={user.email} />
      <main className="page">
        <DesignList canEdit={atLeast(caller.role, "editor")} />
      </main>
    </>
  );
}
