import { inspectionPartRoute } from "@/server/mcp/registry/inspection-route";

/** Connects to the server and lists its prompts. */
export const GET = inspectionPartRoute("prompts");
