import { inspectionPartRoute } from "@/server/mcp/registry/inspection-route";

/** Connects to the server and lists its resources. */
export const GET = inspectionPartRoute("resources");
