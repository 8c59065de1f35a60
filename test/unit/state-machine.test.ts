import { expect } from "chai";
import { canTransition, nextStatus, refusalKey, type Transition } from "../../src/modules/tickets/state-machine";
import { STATUSES, type TicketStatus } from "../../src/modules/tickets/ticket.types";

describe("unit: ticket state machine", () => {
  const allowed: Record<Transition, TicketStatus[]> = {
    take: ["new", "open", "pending", "escalated"], assign: ["new", "open", "pending", "escalated"],
    pending: ["new", "open", "escalated"], resume: ["pending"], escalate: ["new", "open", "pending"],
    deescalate: ["new", "open", "pending", "escalated"], classify: ["new", "open", "pending", "escalated"],
    resolve: ["new", "open", "pending", "escalated"], close: ["resolved"], reopen: ["resolved"],
    reply: ["new", "open", "pending", "escalated", "resolved"], note: ["new", "open", "pending", "escalated", "resolved"],
  };
  for (const [action, from] of Object.entries(allowed) as [Transition, TicketStatus[]][]) {
    it(`${action} is allowed exactly from ${from.join(", ")}`, () => {
      for (const s of STATUSES) expect(canTransition(action, s), `${action} from ${s}`).to.equal(from.includes(s));
    });
  }

  it("nothing at all happens to a closed ticket", () => {
    for (const a of Object.keys(allowed) as Transition[]) expect(canTransition(a, "closed")).to.equal(false);
    expect(refusalKey("reply", "closed", 1)).to.equal("errors.transition.closed");
  });

  it("gives the status after each action", () => {
    expect(nextStatus("take", "new")).to.equal("open");
    expect(nextStatus("take", "escalated")).to.equal("open");
    expect(nextStatus("take", "pending")).to.equal(null);
    expect(nextStatus("escalate", "open")).to.equal("escalated");
    expect(nextStatus("deescalate", "open")).to.equal("new");
    expect(nextStatus("reopen", "resolved")).to.equal("open");
    expect(nextStatus("close", "resolved")).to.equal("closed");
  });

  it("explains refusals precisely", () => {
    expect(refusalKey("close", "new", 1)).to.equal("errors.transition.not_resolved");
    expect(refusalKey("escalate", "escalated", 2)).to.equal("errors.transition.already_escalated");
    expect(refusalKey("resume", "open", 1)).to.equal("errors.transition.not_pending");
  });
});
