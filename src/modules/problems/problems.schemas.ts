import { z } from "zod";
import { checkbox } from "../users/user.schemas";
import { optionalId } from "../admin/admin.schemas";
import { PROBLEM_STATUSES } from "./problem.entity";

const text = (max: number) => z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
const optionalText = (max: number) => z.string().trim().max(max, "validation.too_long").optional().transform((v) => v || null);

export const problemFormSchema = z.object({
  title: text(200),
  description: text(20000),
  categoryId: optionalId,
  affected: optionalText(200),
  priority: z.coerce.number({ error: "validation.choice" }).int().min(1, "validation.choice").max(4, "validation.choice"),
});

const filterId = z.union([z.literal(""), z.coerce.number().int().positive()]).optional().transform((v) => (v === "" ? undefined : v));

export const problemListSchema = z.object({
  status: z.union([z.enum(PROBLEM_STATUSES), z.literal("")]).optional().transform((v) => v || undefined),
  categoryId: filterId,
  ownerId: filterId,
  /** Keyset: the last id of the previous page (a bad value is the first page). */
  before: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(100).optional().transform((v) => v || undefined),
  /** The incident an agent is linking (from its page): the known errors offer "link". */
  for: z.string().trim().regex(/^INC-\d{1,9}$/i).optional().catch(undefined),
});

/** The version of the problem the page showed (a stale page: 409 problem_changed). */
const version = z.coerce.number({ error: "validation.invalid" }).int().positive().optional();

export const linkFormSchema = z.object({ ticket: text(20), back: z.literal("ticket").optional() });
/** `preview`: show what the requesters would read, and how many, without publishing. */
export const workaroundFormSchema = z.object({ text: text(20000), notifyRequesters: checkbox, preview: z.literal("1").optional(), version });
export const resolveFormSchema = z.object({ resolution: text(20000), resolveIncidents: checkbox, version });

/** The edit form of a problem page: every editable field (an empty select or text clears it). */
export const problemEditSchema = z.object({
  title: text(200),
  description: text(20000),
  categoryId: optionalId,
  affected: optionalText(200),
  priority: z.coerce.number({ error: "validation.choice" }).int().min(1, "validation.choice").max(4, "validation.choice"),
  groupId: optionalId,
  ownerId: optionalId,
  symptoms: optionalText(20000),
  rootCause: optionalText(20000),
  impact: optionalText(20000),
  permanentFix: optionalText(20000),
  version,
});

/** A status button: the status asked for, on the version shown. */
export const statusFormSchema = z.object({ status: z.enum(PROBLEM_STATUSES, { error: "validation.choice" }), version });

/** "Create problem and link these": the suggestion's refreshed_at the page showed (missing or another: a 409, the list as it is now). */
export const suggestionCreateSchema = z.object({ seen: z.coerce.number().int().nonnegative().optional().catch(undefined) });

/** The Suggested problems page's keyset cursor: "count.id" of the last row of the previous page. */
export const suggestionPageSchema = z.object({
  after: z.string().regex(/^\d{1,9}\.\d{1,12}$/).optional().catch(undefined)
    .transform((v) => (v ? { count: Number(v.split(".")[0]), id: Number(v.split(".")[1]) } : undefined)),
});
