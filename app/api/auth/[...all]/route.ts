import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/server/auth/auth";

// Resolved per request so that importing the route (at build time) creates no auth instance.
export async function GET(request: Request): Promise<Response> {
  return toNextJsHandler(auth()).GET(request);
}

export async function POST(request: Request): Promise<Response> {
  return toNextJsHandler(auth()).POST(request);
}
