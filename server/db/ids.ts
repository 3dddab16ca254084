import { z } from "zod";

/**
 * Every table's primary key is a UUID. Ids from outside are checked against this before they reach
 * the database: a malformed id is "not found" (or invalid input), never a database error.
 */
export const recordIdSchema = z.uuid();

export function isRecordId(value: string): boolean {
  return recordIdSchema.safeParse(value).success;
}
