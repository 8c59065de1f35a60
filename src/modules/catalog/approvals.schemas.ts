import { z } from "zod";

export const REASON_MAX = 2000;

const reason = z.string({ error: "validation.invalid" }).trim().max(REASON_MAX, "validation.too_long");

/** The Approve and Reject forms (portal and email link): a reason, required to reject (the command says so). */
export const decisionFormSchema = z.object({ reason: reason.optional().transform((v) => v || null) });

/** The "Waiting for your approval" page: a keyset page after this approval id. */
export const approvalListSchema = z.object({ after: z.coerce.number().int().positive().optional().catch(undefined) });

/** The hand-over form of a request's desk page. */
export const handOverSchema = z.object({
  assetId: z.coerce.number({ error: "approvals.errors.asset_choice" }).int("approvals.errors.asset_choice").positive("approvals.errors.asset_choice"),
});

/** API v1: reject { reason }, approve {} (nothing else accepted). */
export const apiRejectSchema = z.strictObject({
  reason: z.string({ error: "approvals.errors.reason_required" }).trim().min(1, "approvals.errors.reason_required").max(REASON_MAX, "validation.too_long"),
});
export const apiApproveSchema = z.strictObject({});
