import { expect } from "chai";
import { presentTicket, ticketCan } from "../../src/modules/tickets/ticket.presenter";
import type { TicketDetail } from "../../src/modules/tickets/queries/get-ticket";
import type { Actor } from "../../src/access/actor";
import type { Role, Tier } from "../../src/access/roles";
import { initI18n, translator } from "../../src/platform/i18n";
import { noticeHref } from "../../src/modules/notifications/notifications.presenter";

const actor = (id: number, role: Role, tiers: Tier[] = []): Actor => ({
  id, username: `u${id}`, displayName: `U${id}`, email: null, role, provider: "local", locale: null, timezone: null,
  groups: tiers.map((t) => ({ id: t, name: `N${t}`, tier: t })), tiers,
});

function detail(over: Record<string, unknown> = {}): TicketDetail {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 9, m));
  const ticket = {
    id: 7, type: "incident", channel: "portal", requesterId: 1, title: "VPN", description: "drops", categoryId: null, impact: "low",
    urgency: "high", priority: 3, tier: 1, groupId: 1, assigneeId: 2, status: "open", pendingReason: null, resolutionCode: null,
    resolution: null, tiersVisited: 1, callbackPhone: null, problemId: null, parentId: null, reopenCount: 0, version: 3,
    updatedById: 2, createdAt: at(0), updatedAt: at(5), firstResponseAt: at(5), resolvedAt: null, closedAt: null, lastPublicActivityAt: at(5),
    ...over,
  };
  return {
    ticket, requester: { id: 1, displayName: "Emma", username: "emma", email: null, phone: null, department: null, location: null, vip: false },
    assignee: { id: 2, displayName: "Nina" }, group: { id: 1, name: "N1 Service Desk", tier: 1 }, category: null,
    comments: [{ id: 1, ticketId: 7, authorId: 2, body: "Restart please", internal: false, createdAt: at(0) }],
    history: [
      { id: 1, ticketId: 7, actorId: 1, kind: "created", fromValue: null, toValue: "new", reason: null, note: null, createdAt: at(0) },
      { id: 2, ticketId: 7, actorId: 2, kind: "taken", fromValue: null, toValue: "2", reason: null, note: null, createdAt: at(1) },
      { id: 3, ticketId: 7, actorId: 2, kind: "urgency", fromValue: "low", toValue: "high", reason: null, note: null, createdAt: at(2) },
    ],
    attachments: [], users: new Map([[1, "Emma"], [2, "Nina"]]), groups: new Map([[1, { id: 1, name: "N1 Service Desk", tier: 1, email: null }]]),
    categories: new Map(), seesInternal: true,
  } as unknown as TicketDetail;
}

describe("unit: ticket presenter", () => {
  before(() => initI18n("en"));

  it("offers only what the policy and the status both allow", () => {
    const n1 = actor(2, "agent", [1]);
    const can = ticketCan(n1, detail());
    expect(can).to.include({ reply: true, note: true, take: false, escalate: true, deescalate: false, resolve: true, close: false, reopen: false });
    expect(ticketCan(actor(1, "requester"), detail({ status: "resolved" }))).to.include({ close: true, reopen: true, note: false, resolve: false });
    expect(ticketCan(actor(1, "requester"), detail({ status: "closed" }))).to.include({ reply: false, close: false, reopen: false });
    expect(ticketCan(actor(5, "agent", [3]), detail({ tier: 3, tiersVisited: 7, status: "open" })).escalate).to.equal(false);
  });

  it("tells the history in words, with names and translated values, change before words at the same instant", () => {
    const v = presentTicket(detail(), actor(2, "agent", [1]), translator("en"));
    expect(v.number).to.equal("INC-000007");
    expect(v.timeline.map((i) => i.type)).to.deep.equal(["event", "comment", "event", "event"]);
    expect(v.timeline[2].text).to.equal("took the ticket");
    expect(v.timeline[3].text).to.equal("urgency: Low → High");
    const fr = presentTicket(detail(), actor(2, "agent", [1]), translator("fr"));
    expect(fr.timeline[3].text).to.contain("Élevée");
  });
});

describe("unit: notice links", () => {
  it("sends the followers of a major incident to its public page, everything else to the ticket", () => {
    const n = (kind: string, number: string) => ({ kind: kind as never, ticketId: 7, params: { number } });
    expect(noticeHref(n("major_update", "INC-000007"))).to.equal("/major/INC-000007");
    expect(noticeHref(n("major_resolved", "INC-000007"))).to.equal("/major/INC-000007");
    expect(noticeHref(n("ticket_reply", "INC-000007"))).to.equal("/tickets/INC-000007");
    expect(noticeHref({ kind: "stale_digest", ticketId: null, params: {} })).to.equal(null);
  });
});
