import type { Request, Response } from "express";
import type { Translate } from "../../platform/i18n";
import type { Deps } from "../../platform/deps";
import { AppError, notFound } from "../../platform/http/errors";
import { translateFields } from "../../platform/http/error-handler";
import { cachedGroups, cachedGroupMembers } from "../users/queries/groups";
import { getTicket } from "./queries/get-ticket";
import { otherTicketsOf } from "./queries/my-tickets";
import { cachedCategories } from "./queries/categories";
import { touchPresence } from "./queries/presence";
import { presentTicket } from "./ticket.presenter";
import { durationParts, slaPanel } from "../sla/sla.presenter";
import { canProblem } from "../../access/policies/problem.policy";
import { formatProblemNumber } from "../problems/problem.entity";
import { formatNumber, parseNumber, LEVELS, PENDING_REASONS, RESOLUTION_CODES } from "./ticket.types";
import { relatedOf, watchersOf } from "./queries/links";
import { canTicket } from "../../access/policies/ticket.policy";
import { majorPanel } from "../major";
import { fulfilmentPanel, requestPanel } from "../catalog";
import { assetPanel } from "../assets";
import { ticketKbPanel } from "../kb";
import { surveyPanel } from "../reporting";

/** "INC-000123" in a URL -> id; a prefix that does not match the ticket's type is a 404 later. */
export function ticketIdParam(req: Request): { id: number; prefix: "INC" | "REQ" | null } {
  const n = parseNumber(String(req.params.number ?? ""));
  if (!n) throw notFound("ticket_not_found");
  return n;
}

export interface PageState {
  status?: number;
  /** The action form that failed, its field errors (i18n keys) and what was typed. */
  form?: string;
  error?: AppError;
  values?: Record<string, unknown>;
}

/**
 * The ticket page for whoever asks: the agent desk view for staff who work it, the
 * plain portal view for the requester. Used for GET and to re-render a refused action.
 */
export async function renderTicketPage(deps: Deps, req: Request, res: Response, state: PageState = {}): Promise<void> {
  const actor = req.actor!;
  const t = res.locals.t as Translate;
  const { id, prefix } = ticketIdParam(req);
  const detail = await getTicket(deps, actor, id);
  if (prefix && formatNumber(detail.ticket.type, id).slice(0, 3) !== prefix) throw notFound("ticket_not_found");
  const ticket = presentTicket(detail, actor, t);
  const common = {
    title: `${ticket.number} · ${ticket.title}`, ticket, form: state.form ?? null,
    actionError: state.error ? t(state.error.messageKey, state.error.params) : null,
    errors: translateFields(t, state.error?.fields) ?? {}, values: state.values ?? {},
    uploads: deps.config.uploads,
    // the major incident it belongs to, or (staff) its children and the major-incident forms
    major: await majorPanel(deps, actor, detail.ticket, ticket.staffView),
    // a request made from the catalog: its answers, readable
    request: await requestPanel(deps, actor, detail.ticket),
    // its approval and fulfilment tasks (and the asset hand-over), or the request a task belongs to
    fulfilment: await fulfilmentPanel(deps, actor, detail.ticket),
    // the assets it is about: the desk's panel, or the requester's read-only list
    assets: await assetPanel(deps, actor, detail.ticket, ticket.staffView, t),
    // the satisfaction survey: the requester's rating widget, or the desk's panel (and ?reach_out=1's reply)
    survey: await surveyPanel(deps, actor, detail.ticket, req.query),
  };
  res.status(state.status ?? 200);
  if (!ticket.staffView) return res.render("tickets/requester", common);
  const [groups, categories, members, others, present, sla, related, watchers, kb] = await Promise.all([
    cachedGroups(deps.db), cachedCategories(deps.db),
    detail.ticket.groupId ? cachedGroupMembers(deps.db, detail.ticket.groupId) : Promise.resolve([]),
    otherTicketsOf(deps, actor, detail.ticket.requesterId, id),
    touchPresence(deps, actor, id),
    slaPanel(deps, detail.ticket),
    relatedOf(deps, actor, id),
    watchersOf(deps, id),
    // the knowledge-base panel: its search (?kb=), linked articles, an article inserted into the reply
    ticketKbPanel(deps, actor, detail.ticket, req.query),
  ]);
  const tk = detail.ticket;
  res.render("tickets/agent", {
    ...common, kb, groups, categories, members, levels: LEVELS, pendingReasons: PENDING_REASONS, resolutionCodes: RESOLUTION_CODES,
    present, sla, slaDuration: durationParts,
    problem: detail.ticket.problemId ? formatProblemNumber(detail.ticket.problemId) : null,
    canOpenProblem: detail.ticket.type === "incident" && !detail.ticket.problemId && canProblem(actor, "create"),
    canSearchKnownErrors: detail.ticket.type === "incident" && !detail.ticket.problemId && canProblem(actor, "read"),
    others: others.map((o) => ({ ...o, number: formatNumber(o.type, o.id) })),
    links: {
      related, watchers,
      canRelate: !tk.mergedIntoId && canTicket(actor, "note", tk),
      canMerge: !tk.mergedIntoId && !tk.major && tk.status !== "closed" && canTicket(actor, "classify", tk),
    },
  });
}
