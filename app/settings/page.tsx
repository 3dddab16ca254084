import type { Metadata } from "next";
import { TopBar } from "@/components/layout/top-bar";
import { SettingsPage } from "@/components/settings/settings-page";
import { requireViewer } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "Settings" };

export default async function Settings() {
  const { caller, user } = await requireViewer();
  return (
    <>
      <TopBar email={user.email} current="settings" />
      <main className="page">
        <SettingsPage role={caller.role} />
      </main>
    </>
  );
}
