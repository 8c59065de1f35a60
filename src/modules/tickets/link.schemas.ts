import { z } from "zod";
import { parseNumber } from "./ticket.types";
import { parseProblemNumber } from "../problems/problem.entity";

/** The forms of the links panel (the JSON API translates its own bodies into these). */
const number = (message: string, ok: (s: string) => boolean) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(20, message).refine(ok, message);
const version = z.coerce.number().int().positive().optional();

/** Merge into "INC-000042" (or "42"): the number becomes an id and the prefix checked against the ticket's type. */
export const mergeSchema = z.object({
  into: number("links.errors.bad_number", (s) => parseNumber(s) !== null).transform((s) => parseNumber(s)!),
  version,
});
export type MergeInput = z.infer<typeof mergeSchema>;

/** Relate to (or unrelate from) a ticket "INC-000042" or a problem "PRB-000007", one field for both. */
export const relateSchema = z.object({
  number: number("links.errors.bad_link_number", (s) => parseProblemNumber(s) !== null || parseNumber(s) !== null)
    .transform((s): RelateTarget => {
      const problem = parseProblemNumber(s);
      return problem ? { problem } : { ticket: parseNumber(s)! };
    }),
});
export type RelateTarget = { problem: number } | { ticket: TicketRef };
/** A ticket named by its number: the id, and the prefix typed (checked against the ticket's type), if any. */
export type TicketRef = { id: number; prefix: "INC" | "REQ" | null };
