import { expect } from "chai";
import { actor } from "../helpers/actors";
import { canTicket, type TicketAction } from "../../src/access/policies/ticket.policy";
import type { Actor } from "../../src/access/actor";


// a tier-1 ticket raised by user 1, not assigned
const ticket = { requesterId: 1, tier: 1, tiersVisited: 1, assigneeId: null };

const ACTORS: Record<string, Actor> = {
  requester: actor(1, "requester"),
  other_requester: actor(9, "requester"),
  agent_n1: actor(2, "agent", [1]),
  agent_n2: actor(3, "agent", [2]),
  agent_n3: actor(4, "agent", [3]),
  supervisor: actor(5, "supervisor", [1, 2, 3]),
  admin: actor(6, "admin"),
};

const ACTIONS: TicketAction[] = ["read", "reply", "note", "take", "assign", "escalate", "resolve", "close", "see_internal"];

// Expected matrix: 1 = allowed. Columns follow ACTIONS.
const MATRIX: Record<string, number[]> = {
  requester:       [1, 1, 0, 0, 0, 0, 0, 1, 0],
  other_requester: [0, 0, 0, 0, 0, 0, 0, 0, 0],
  agent_n1:        [1, 1, 1, 1, 1, 1, 1, 1, 1],
  agent_n2:        [0, 0, 0, 0, 0, 0, 0, 0, 0],
  agent_n3:        [0, 0, 0, 0, 0, 0, 0, 0, 0],
  supervisor:      [1, 1, 1, 1, 1, 1, 1, 1, 1],
  admin:           [0, 0, 0, 0, 0, 0, 0, 0, 0],
};

describe("unit: ticket policy (role x action)", () => {
  for (const [who, row] of Object.entries(MATRIX)) {
    for (const [i, action] of ACTIONS.entries()) {
      const allowed = row[i] === 1;
      it(`${who} ${allowed ? "may" : "may not"} ${action} a tier-1 ticket`, () => {
        expect(canTicket(ACTORS[who], action, ticket)).to.equal(allowed);
      });
    }
  }

  it("an N1 agent keeps reading a ticket it escalated, but no longer works it", () => {
    const escalated = { requesterId: 1, tier: 2, tiersVisited: 0b011, assigneeId: null };
    expect(canTicket(ACTORS.agent_n1, "read", escalated)).to.equal(true);
    expect(canTicket(ACTORS.agent_n1, "see_internal", escalated)).to.equal(true);
    expect(canTicket(ACTORS.agent_n1, "resolve", escalated)).to.equal(false);
    expect(canTicket(ACTORS.agent_n1, "take", escalated)).to.equal(false);
    expect(canTicket(ACTORS.agent_n2, "take", escalated)).to.equal(true);
    expect(canTicket(ACTORS.agent_n2, "deescalate", escalated)).to.equal(true);
    expect(canTicket(ACTORS.agent_n3, "read", escalated)).to.equal(false);
  });

  it("an agent who raised a ticket for themselves sees it as a requester (no internal notes)", () => {
    const own = { requesterId: 4, tier: 1, tiersVisited: 1, assigneeId: null };
    expect(canTicket(ACTORS.agent_n3, "read", own)).to.equal(true);
    expect(canTicket(ACTORS.agent_n3, "see_internal", own)).to.equal(false);
    expect(canTicket(ACTORS.agent_n3, "note", own)).to.equal(false);
  });

  it("every agent reads a major incident (and its internal notes) but works it only at its tier; employees still do not", () => {
    const major = { requesterId: 1, tier: 1, tiersVisited: 1, assigneeId: null, major: true };
    for (const a of [ACTORS.agent_n2, ACTORS.agent_n3]) {
      expect(canTicket(a, "read", major)).to.equal(true);
      expect(canTicket(a, "see_internal", major)).to.equal(true);
      expect(canTicket(a, "classify", major)).to.equal(false);
      expect(canTicket(a, "resolve", major)).to.equal(false);
    }
    expect(canTicket(ACTORS.other_requester, "read", major)).to.equal(false);
    expect(canTicket(ACTORS.admin, "read", major)).to.equal(false);
  });

  it("the assignee works the ticket even outside their tiers", () => {
    const assigned = { requesterId: 1, tier: 2, tiersVisited: 0b011, assigneeId: 4 };
    expect(canTicket(ACTORS.agent_n3, "resolve", assigned)).to.equal(true);
  });
});
