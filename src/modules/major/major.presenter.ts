import type { Actor } from "../../access/actor";
import { canTicket } from "../../access/policies/ticket.policy";
import type { Translate } from "../../platform/i18n";
import type { TicketHistory } from "../tickets/history.entity";
import type { Ticket } from "../tickets/ticket.entity";
import type { PanelData } from "./queries/panel";
import type { PublicMajor } from "./queries/public-page";
import type { OpenMajor, PublicUpdate, Standing } from "./queries/open-majors";
import { excerpt, incidentNumber, isOpen, publicPath, shownTitle } from "./rules";

/**
 * What templates get of major incidents: plain objects, public text only where employees
 * look (public title, status, public staff updates), `can` flags decided here.
 */
const update = (u: PublicUpdate | null, max: number) => (u ? { text: excerpt(u.body, max), at: u.at } : null);

const NONE: Standing = { kind: "none" };

/**
 * How the person stands with a major incident (views/major/_standing.ejs): its requester
 * and the requester of a child get their own ticket's link, a follower never a /tickets/
 * one. "I am affected too" while it is open and they are none of these; "I am no longer
 * affected" for the subscription they made themselves (still, once it is resolved).
 */
export function presentStanding(s: Standing, majorId: number, open: boolean) {
  const can = { follow: open && s.kind === "none", unfollow: s.kind === "following" && s.removable };
  if (open && s.kind === "mine") return { kind: s.kind, number: incidentNumber(majorId), ticketHref: `/tickets/${incidentNumber(majorId)}`, can };
  if (open && s.kind === "child") return { kind: s.kind, number: s.number, ticketHref: `/tickets/${s.number}`, can };
  return { kind: open ? s.kind : "none" as const, can };
}

/** One banner of the portal (home and new-ticket pages) per open major incident. */
export function presentBanner(majors: OpenMajor[], standing: Map<number, Standing>) {
  return majors.map((m) => ({
    number: m.number, title: shownTitle(m), status: m.status, href: publicPath(m.id),
    update: update(m.update, 300), standing: presentStanding(standing.get(m.id) ?? NONE, m.id, true),
  }));
}
export type BannerItem = ReturnType<typeof presentBanner>[number];

/** The public page of a major incident. */
export function presentPublicPage(d: PublicMajor) {
  const t = d.ticket;
  const open = isOpen(t);
  return {
    number: incidentNumber(t.id), title: shownTitle(t), status: t.status, open, href: publicPath(t.id),
    updates: d.updates.map((u) => ({ text: u.body, at: u.at })),
    resolution: open ? null : t.resolution, resolvedAt: t.resolvedAt,
    standing: presentStanding(d.standing, t.id, open),
    deskHref: d.deskLink ? `/tickets/${incidentNumber(t.id)}` : null,
  };
}

/**
 * The major-incident panel of a ticket page. For the requester of a child only the
 * parent's public side (title, status, latest update, link to its public page); staff
 * also get its number, the children of a parent and the forms their rights allow.
 */
export function presentPanel(d: PanelData | null, t: Ticket, actor: Actor, staffView: boolean) {
  if (!d) return null;
  const parent = d.parent && {
    number: incidentNumber(d.parent.ticket.id), title: shownTitle(d.parent.ticket), status: d.parent.ticket.status,
    update: update(d.parent.update, 600), publicHref: publicPath(d.parent.ticket.id),
    href: staffView && canTicket(actor, "read", d.parent.ticket) ? `/tickets/${incidentNumber(d.parent.ticket.id)}` : null,
  };
  if (!staffView) return { staffView, parent, major: false, can: { mark: false, edit: false, unmark: false, attach: false, detach: false, attachTo: false } };
  // the forms: staff who work this ticket, while it is open (the commands check it all again)
  const works = canTicket(actor, "classify", t) && isOpen(t);
  return {
    staffView, parent, major: t.major, publicTitle: t.publicTitle, shownTitle: shownTitle(t), publicHref: publicPath(t.id),
    children: d.children.map((c) => ({ ...c, number: incidentNumber(c.id) })), childCount: d.childCount,
    // the children the viewer may not open are counted, never named; past CHILDREN_SHOWN only counted
    hidden: d.hiddenChildren, more: d.childCount - d.children.length - d.hiddenChildren, followers: d.followers,
    candidates: d.candidates.map((m) => ({ id: m.id, number: m.number, title: shownTitle(m) })),
    can: {
      mark: works && !t.major && !t.parentId,
      edit: works && t.major,
      unmark: works && t.major && d.childCount === 0,
      attach: works && t.major,
      detach: works && (t.major || Boolean(t.parentId)),
      attachTo: works && !t.major && !t.parentId && d.candidates.length > 0,
    },
  };
}

/**
 * The history rows of major incidents as sentences: "major" keeps the title employees
 * saw and see (null = not major), "parent" the parent's number, "child" the child's.
 */
export function describeMajorHistory(h: Pick<TicketHistory, "kind" | "fromValue" | "toValue">, t: Translate): string | null {
  const { fromValue: from, toValue: to } = h;
  switch (h.kind) {
    case "major":
      if (!from && to) return t("major.history.marked", { title: to });
      if (from && !to) return t("major.history.unmarked");
      return t("major.history.retitled", { from: from ?? "", to: to ?? "" });
    case "parent":
      return to ? t("major.history.attached", { number: to }) : t("major.history.detached", { number: from ?? "" });
    case "child":
      return to ? t("major.history.child_attached", { number: to }) : t("major.history.child_detached", { number: from ?? "" });
    default:
      return null;
  }
}

/** "This looks like …": the proposal on the new-ticket form. */
export function presentProposal(m: OpenMajor, standing: Standing) {
  return { number: m.number, title: shownTitle(m), href: publicPath(m.id), standing: presentStanding(standing, m.id, true) };
}
export type Proposal = ReturnType<typeof presentProposal>;
