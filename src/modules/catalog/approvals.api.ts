import { Router, type Request } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { parse } from "../../platform/http/validate";
import { bodyOf, send } from "../api/api.routes";
import { iso } from "../api/api.presenter";
import { idParam } from "../admin/admin-page";
import { decideApproval } from "./commands/decide-approval";
import { getOwnApproval, listApprovals, type ApprovalDetail, type ApprovalRow } from "./queries/approvals";
import { apiApproveSchema, apiRejectSchema, approvalListSchema } from "./approvals.schemas";

/** An approval in API v1: explicit fields (a new column never leaks), the request by its number. */
const rowJson = (r: ApprovalRow) => ({
  id: r.id, state: r.state, request: r.number, title: r.title, item: r.item, requester: r.requester,
  createdAt: iso(r.createdAt), decidedAt: iso(r.decidedAt), reason: r.reason,
});

const detailJson = (d: ApprovalDetail) => ({
  id: d.approval.id, state: d.approval.state, request: d.number, title: d.ticket.title, item: d.item.name, requester: d.requester.displayName,
  createdAt: iso(d.approval.createdAt), decidedAt: iso(d.approval.decidedAt), decidedVia: d.approval.decidedVia, reason: d.approval.reason,
  answers: d.answers.map((a) => ({ name: a.name, label: a.label, type: a.type, value: a.value, display: a.display })),
});

/**
 * Approvals in JSON API v1 (the same commands as the pages): what waits for the caller's
 * decision, approve, reject with a reason. Someone else's approval is a 404.
 */
export function approvalApiRoutes(deps: Deps): Router {
  const r = Router();

  route(r, "get", "/approvals", "user", async (req, res) => {
    const { after } = parse(approvalListSchema, req.query);
    const list = await listApprovals(deps, req.actor!, after);
    send(res, 200, { approvals: list.pending.map(rowJson), next: list.nextAfter ? `/api/v1/approvals?after=${list.nextAfter}` : null });
  });

  route(r, "get", "/approvals/:id", "user", async (req, res) => {
    send(res, 200, detailJson(await getOwnApproval(deps, req.actor!, idParam(req))));
  });

  const decided = async (req: Request) => detailJson(await getOwnApproval(deps, req.actor!, idParam(req)));

  route(r, "post", "/approvals/:id/approve", "user", async (req, res) => {
    const id = idParam(req);
    parse(apiApproveSchema, bodyOf(req));
    await decideApproval(deps, req.actor!, id, { decision: "approve", via: "portal" });
    send(res, 200, await decided(req));
  });

  route(r, "post", "/approvals/:id/reject", "user", async (req, res) => {
    const id = idParam(req);
    const { reason } = parse(apiRejectSchema, bodyOf(req));
    await decideApproval(deps, req.actor!, id, { decision: "reject", reason, via: "portal" });
    send(res, 200, await decided(req));
  });
  return r;
}
