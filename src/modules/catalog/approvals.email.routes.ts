import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError, notFound } from "../../platform/http/errors";
import { signedLinkPage } from "../../platform/http/signed-link-page";
import { parse } from "../../platform/http/validate";
import { loadActor } from "../users/queries/load-actor";
import { checkApprovalToken, type LinkDecision } from "./approval-token";
import { decideApproval } from "./commands/decide-approval";
import { approvalById, type ApprovalDetail } from "./queries/approvals";
import { presentApproval } from "./approvals.presenter";
import { decisionFormSchema } from "./approvals.schemas";

/** A link altered or unknown (404), expired (410), or of an approval decided already (409). */
type Refusal = "invalid" | "expired" | "decided";

/**
 * The one-click links of the approval email, for a visitor who may not be signed in: the
 * signed token is the credential. GET never changes anything (mail scanners and link
 * previews open links): it shows the request and a form to confirm; the form's POST (with
 * the CSRF token the GET put in the visitor's session) decides, as the approver. A link
 * altered or unknown is a 404, expired a 410, already decided a 409 saying what and by whom.
 */
export function approvalEmailRoutes(deps: Deps): Router {
  const r = Router();
  const link = signedLinkPage("/approvals/email", "approvals/link", (t) => ({
    title: t("approvals.link.title"), decision: null, done: false, days: deps.config.catalog.approvalLinkDays,
  }));
  const { token } = link;
  const page = link.render;
  const refuse = (res: Response, refusal: Refusal, d: ApprovalDetail | null) => link.refuse(res, refusal, { a: d ? presentApproval(d) : null });

  /**
   * The approval a link opens with the decision it carries, or null once the refusal is
   * answered. `expiredOk`: the thank-you page of a decision made while the link was valid.
   */
  async function open(req: Request, res: Response, expiredOk = false): Promise<{ decision: LinkDecision | null; d: ApprovalDetail } | null> {
    const check = checkApprovalToken(deps.config, token(req), deps.clock.now());
    const d = check.approvalId ? await approvalById(deps, check.approvalId).catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) return null;
      throw e;
    }) : null;
    // an approver who has left cannot decide by a link they kept
    if (!d || !d.approver.active || (!check.ok && check.reason === "invalid")) {
      refuse(res, "invalid", null);
      return null;
    }
    if (!check.ok && !expiredOk) {
      refuse(res, "expired", d);
      return null;
    }
    return { decision: check.ok ? check.decision : null, d };
  }

  route(r, "get", "/approvals/email/:token", "public", async (req, res) => {
    const o = await open(req, res);
    if (!o) return;
    if (o.d.approval.state !== "pending" || !o.decision) return refuse(res, "decided", o.d);
    page(res, { a: presentApproval(o.d), decision: o.decision });
  });

  route(r, "post", "/approvals/email/:token", "public", async (req, res) => {
    const o = await open(req, res);
    if (!o) return;
    if (o.d.approval.state !== "pending" || !o.decision) return refuse(res, "decided", o.d);
    const decision = o.decision;
    const approver = await loadActor(deps.db.manager, o.d.approver.id);
    if (!approver) throw notFound("approval_not_found");
    try {
      const { reason } = parse(decisionFormSchema, req.body);
      await decideApproval(deps, approver, o.d.approval.id, { decision, reason, via: "email" });
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
      if (err.status === 409) return refuse(res, "decided", await approvalById(deps, o.d.approval.id));
      return page(res, { a: presentApproval(o.d), decision, values: req.body ?? {} }, 422, err);
    }
    res.redirect(303, `${link.path(req)}/done`);
  });

  route(r, "get", "/approvals/email/:token/done", "public", async (req, res) => {
    const o = await open(req, res, true);
    if (!o) return;
    if (o.d.approval.state === "pending") return res.redirect(303, link.path(req));
    page(res, { a: presentApproval(o.d), done: true });
  });
  return r;
}
