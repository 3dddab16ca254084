import type { Role } from "@/server/auth/roles";

/** Who is asking, in which workspace, with which role: the input of every scoped data access. */
export type Caller = {
  userId: string;
  workspaceId: string;
  role: Role;
  via: "session" | "token";
  /** The client address the request came from (rate limits, audit log), when there was a request. */
  address?: string;
};
