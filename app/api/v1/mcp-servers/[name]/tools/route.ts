import { inspectionPartRoute } from "@/server/mcp/registry/inspection-route";

/** Connects to the server and lists its tools. */
export const GET = inspectionPartRoute("tools");
