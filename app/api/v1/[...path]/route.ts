import { json } from "@/server/api/rest/handler";

/** Unknown API paths answer in the API's error format rather than with the HTML 404 page. */
function notFound(): Response {
  return json({ error: { code: "not_found", message: "There is no such API endpoint." } }, 404);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
