import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ChatWorkspace } from "@/components/chats/chat-workspace";
import { TopBar } from "@/components/layout/top-bar";
import { requireViewer } from "@/server/auth/page-session";
import { atLeast } from "@/server/auth/roles";
import { getDesign } from "@/server/designs/service";
import { NotFoundError } from "@/server/errors";

type Params = { params: Promise<{ id: string }> };

/** Once per request: the metadata and the page both need the design. */
const loadChatPage = cache(async (id: string) => {
  const { caller, user } = await requireViewer();
  try {
    const design = await getDesign(caller, id);
    return { design, email: user.email, canSend: atLeast(caller.role, "editor") };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { design } = await loadChatPage(id);
  return { title: `Chat · ${design.name}` };
}

export default async function DesignChatPage({ params }: Params) {
  const { id } = await params;
  const { design, email, canSend } = await loadChatPage(id);
  return (
    <>
      <TopBar email={email} current="designs" />
      <main className="page chat-page">
        <ChatWorkspace designId={design.id} designName={design.name} canSend={canSend} />
      </main>
    </>
  );
}
