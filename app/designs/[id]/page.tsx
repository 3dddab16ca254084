import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DesignEditor } from "@/components/editor/design-editor";
import { atLeast } from "@/server/auth/roles";
import { requireViewer } from "@/server/auth/page-session";
import { getDesign, type Design } from "@/server/designs/service";
import { NotFoundError } from "@/server/errors";

type Params = { params: Promise<{ id: string }> };

async function loadDesign(id: string): Promise<{ design: Design; viewerEmail: string; canEdit: boolean }> {
  const { caller, user } = await requireViewer();
  try {
    const design = await getDesign(caller, id);
    return { design, viewerEmail: user.email, canEdit: atLeast(caller.role, "editor") };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { design } = await loadDesign(id);
  return { title: design.name };
}

export default async function DesignPage({ params }: Params) {
  const { id } = await params;
  const { design, viewerEmail, canEdit } = await loadDesign(id);
  return (
    <DesignEditor
      // A different design (or a newer version loaded by navigation) starts a fresh editor.
      key={design.id}
      design={{
        id: design.id,
        name: design.name,
        description: design.description,
        version: design.version,
        graph: design.graph,
      }}
      canEdit={canEdit}
      viewerEmail={viewerEmail}
    />
  );
}
