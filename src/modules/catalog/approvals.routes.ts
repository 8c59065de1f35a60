import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { idParam, renderForm } from "../admin/admin-page";
import { renderTicketPage, ticketIdParam } from "../tickets/ticket-page";
import { formatNumber } from "../tickets/ticket.types";
import { decideApproval, type Decision } from "./commands/decide-approval";
import { handOverAsset } from "./commands/hand-over-asset";
import { getOwnApproval, listApprovals } from "./queries/approvals";
import { presentApproval, presentApprovalRow } from "./approvals.presenter";
import { approvalListSchema, decisionFormSchema, handOverSchema } from "./approvals.schemas";
import { approvalEmailRoutes } from "./approvals.email.routes";

const PAST: Record<Decision, string> = { approve: "approved", reject: "rejected" };

/**
 * The approver's pages (anyone signed in may be someone's approver): what waits for their
 * decision, one approval with its request and the Approve / Reject forms; the links of the
 * approval email; and the hand-over of an in-stock asset on a request's desk page.
 */
export function approvalRoutes(deps: Deps): Router {
  const r = Router();
  // before /approvals/:id
  r.use(approvalEmailRoutes(deps));

  route(r, "get", "/approvals", "user", async (req, res) => {
    const { after } = parse(approvalListSchema, req.query);
    const list = await listApprovals(deps, req.actor!, after);
    res.render("approvals/list", {
      title: res.locals.t("approvals.list.title"), pending: list.pending.map(presentApprovalRow), decided: list.decided.map(presentApprovalRow),
      nextUrl: list.nextAfter ? `/approvals?after=${list.nextAfter}` : null, firstUrl: after ? "/approvals" : null,
    });
  });

  const renderApproval = async (req: Request, res: Response, status = 200, err?: AppError, form?: Decision) => {
    const d = await getOwnApproval(deps, req.actor!, idParam(req));
    renderForm(res, "approvals/show", {
      title: `${d.number} · ${d.item.name}`, a: presentApproval(d), form: form ?? null, values: form ? req.body ?? {} : {},
    }, status, err);
  };
  route(r, "get", "/approvals/:id", "user", (req, res) => renderApproval(req, res));

  for (const decision of ["approve", "reject"] as const) {
    route(r, "post", `/approvals/:id/${decision}`, "user", async (req, res) => {
      const id = idParam(req);
      let ticketId: number;
      try {
        const { reason } = parse(decisionFormSchema, req.body);
        ({ ticketId } = await decideApproval(deps, req.actor!, id, { decision, reason, via: "portal" }));
      } catch (err) {
        if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
        return renderApproval(req, res, err.status, err, decision);
      }
      flash(req, "success", `approvals.flash.${PAST[decision]}`, { number: formatNumber("request", ticketId) });
      res.redirect(303, `/approvals/${id}`);
    });
  }

  route(r, "post", "/requests/:number/hand-over", "staff", async (req, res) => {
    const { id } = ticketIdParam(req);
    try {
      const { assetId } = parse(handOverSchema, req.body);
      const { ticket, asset } = await handOverAsset(deps, req.actor!, id, assetId);
      flash(req, "success", "approvals.flash.handed_over", { tag: asset.tag });
      res.redirect(303, `/tickets/${formatNumber(ticket.type, ticket.id)}#fulfilment`);
    } catch (err) {
      if (!(err instanceof AppError) || ![403, 409, 422].includes(err.status)) throw err;
      await renderTicketPage(deps, req, res, { status: err.status, form: "hand-over", error: err, values: req.body ?? {} });
    }
  });
  return r;
}
