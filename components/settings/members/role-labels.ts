import type { Role } from "@/server/auth/roles";

export const ROLE_OPTIONS: { value: Role; label: string; hint: string }[] = [
  { value: "owner", label: "Owner", hint: "everything, including settings and members" },
  { value: "editor", label: "Editor", hint: "designs, runs, chats and share links" },
  { value: "viewer", label: "Viewer", hint: "reads designs and runs, starts nothing" },
];

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", editor: "Editor", viewer: "Viewer" };
