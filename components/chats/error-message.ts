/**
 * What to tell the person when a request fails: the validation issues when the server listed
 * some (tRPC's own message for invalid input is a JSON dump), otherwise its message, which is
 * written for people (server/errors.ts).
 */
export type ServerError = {
  message: string;
  data?: { issues?: readonly { message: string }[] | undefined } | null | undefined;
};

export function errorMessage(error: ServerError): string {
  const issues = error.data?.issues ?? [];
  if (issues.length > 0) return issues.map((issue) => issue.message).join(" ");
  return error.message;
}
