import type { Metadata } from "next";
import { RunHistory } from "@/components/history/run-history";
import { TopBar } from "@/components/layout/top-bar";
import { requireViewer } from "@/server/auth/page-session";
import { atLeast } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  const { caller, user } = await requireViewer();
  return (
    <>
      <TopBar email={user.email} current="runs" />
      <main className="page">
        <RunHistory canEdit={atLeast(caller.role, "editor")} />
      </main>
    </>
  );
}
