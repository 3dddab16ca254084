import { db } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** Readiness: answers 200 once the server can reach its database. */
export async function GET(): Promise<Response> {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
