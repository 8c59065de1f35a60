import { expect } from "chai";
import { mergeSchema, relateSchema } from "../../src/modules/tickets/link.schemas";
import { ticketCan } from "../../src/modules/tickets/ticket.presenter";
import type { TicketDetail } from "../../src/modules/tickets/queries/get-ticket";
import { mergedSourceView } from "../../src/modules/tickets/queries/links";
import type { Actor } from "../../src/access/actor";

const supervisor: Actor = {
  id: 9, username: "sup", displayName: "Sup", email: null, role: "supervisor", provider: "local", locale: null, timezone: null, groups: [], tiers: [],
};
const detail = (over: Record<string, unknown>, watching = false) => ({
  ticket: { id: 7, requesterId: 1, tier: 1, tiersVisited: 1, assigneeId: null, status: "open", mergedIntoId: null, ...over }, watching,
}) as unknown as TicketDetail;

describe("unit: merge and link forms, and what a merged ticket allows", () => {
  it("reads a ticket number for a merge, and a ticket or a problem number for a link", () => {
    expect(mergeSchema.parse({ into: " inc-000042 ", version: "3" })).to.deep.equal({ into: { id: 42, prefix: "INC" }, version: 3 });
    expect(mergeSchema.parse({ into: "42" }).into).to.deep.equal({ id: 42, prefix: null });
    for (const bad of ["PRB-000001", "printer", "", "INC-0"]) expect(mergeSchema.safeParse({ into: bad }).success, bad).to.equal(false);
    expect(relateSchema.parse({ number: "PRB-000007" }).number).to.deep.equal({ problem: 7 });
    expect(relateSchema.parse({ number: "REQ-000012" }).number).to.deep.equal({ ticket: { id: 12, prefix: "REQ" } });
    expect(relateSchema.safeParse({ number: "PRB-x" }).success).to.equal(false);
  });

  it("offers nothing on a merged duplicate, nor to a follower, even to a supervisor", () => {
    const open = ticketCan(supervisor, detail({}));
    expect(open).to.include({ reply: true, note: true, resolve: true, classify: true });
    expect(Object.values(ticketCan(supervisor, detail({ mergedIntoId: 3, status: "closed" }))).some(Boolean)).to.equal(false);
    expect(Object.values(ticketCan(supervisor, detail({}, true))).some(Boolean)).to.equal(false);
  });

  it("shows a merged duplicate on its target to staff who read it, and to nobody else (not even its own requester there)", () => {
    const agent = (tiers: (1 | 2 | 3)[], id = 20): Actor => ({ ...supervisor, id, role: "agent", tiers, groups: [] });
    const source = { requesterId: 5, tier: 1, tiersVisited: 1, assigneeId: null };
    expect(mergedSourceView(supervisor, source)).to.equal("internal");
    expect(mergedSourceView(agent([1]), source)).to.equal("internal");
    expect(mergedSourceView(agent([3]), source), "N3 never saw it").to.equal("none");
    expect(mergedSourceView(agent([3]), { ...source, assigneeId: 20 }), "assigned to them").to.equal("internal");
    // a requester reads their own duplicate on its own page, never on the target's
    expect(mergedSourceView({ ...supervisor, id: 5, role: "requester" }, source)).to.equal("none");
    expect(mergedSourceView({ ...supervisor, id: 6, role: "admin" }, source)).to.equal("none");
  });
});
