import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/server/auth/auth";
import { handleAuthPost } from "@/server/auth/auth-route";

// Resolved per request so that importing the route (at build time) creates no auth instance.
export async function GET(request: Request): Promise<Response> {
  return toNextJsHandler(auth()).GET(request);
}

export const POST = handleAuthPost;
