import type { Translate } from "../../platform/i18n";
import type { TicketHistory } from "../tickets/history.entity";
import type { ApprovalDetail, ApprovalRow } from "./queries/approvals";
import { formatAnswer, iconOf } from "./catalog.presenter";

/** The ticket history rows this module writes, as sentences (null: not one of them). */
export function describeCatalogHistory(h: Pick<TicketHistory, "kind" | "fromValue" | "toValue">, t: Translate): string | null {
  const via = (v: string | null) => (v === "email" || v === "portal" ? t(`approvals.via.${v}`) : "");
  switch (h.kind) {
    case "approved":
      return t("approvals.history.approved", { via: via(h.toValue) });
    case "rejected":
      return t("approvals.history.rejected", { via: via(h.toValue) });
    case "task":
      return h.toValue ? t("approvals.history.task_created", { number: h.toValue }) : t("approvals.history.task_of", { number: h.fromValue ?? "?" });
    case "handover":
      return t("approvals.history.handover", { tag: h.toValue ?? "?" });
    default:
      return null;
  }
}

/** A row of "Waiting for your approval" or of the recent decisions. */
export function presentApprovalRow(r: ApprovalRow) {
  return { ...r, href: `/approvals/${r.id}` };
}

/**
 * What an approval page shows (the portal's and the email link's): the request, who asks,
 * the answers (for views/catalog/_answers), and the decision once taken.
 */
export function presentApproval(d: ApprovalDetail) {
  const a = d.approval;
  return {
    id: a.id, state: a.state, pending: a.state === "pending", number: d.number, title: d.ticket.title,
    createdAt: a.createdAt, decidedAt: a.decidedAt, via: a.decidedVia, reason: a.reason, approver: d.approver.displayName,
    item: { name: d.item.name, description: d.item.description },
    requester: d.requester,
    request: { item: { name: d.item.name, icon: iconOf(d.item) }, answers: d.answers, format: formatAnswer },
  };
}
export type ApprovalView = ReturnType<typeof presentApproval>;
