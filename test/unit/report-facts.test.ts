import { expect } from "chai";
import { computeFacts, hasFacts, tierSpans, type FactsHistory, type FactsTicket } from "../../src/modules/reporting/facts";
import { DEFAULT_HOURS, localToUtc } from "../../src/modules/sla/business-time";
import type { PolicyView } from "../../src/modules/sla/policies";
import type { ClockSegment, SegmentKind } from "../../src/modules/sla/sla-clock";

/**
 * computeFacts on hand-made tickets, histories and clock segments (no database). Every
 * expected duration is worked out by hand in the comment next to it, on the default
 * calendars: Mon-Fri 08:00-18:00 Europe/Paris (P2-P4), around the clock (P1).
 * November 2026: Mon 16, Fri 20, Sat 21, Sun 22, Mon 23.
 */
const P = (local: string) => localToUtc("Europe/Paris", local);
const MIN = 60; // seconds in a minute: the facts are in seconds

const office = { timezone: "Europe/Paris", alwaysOpen: false, hours: DEFAULT_HOURS, holidays: [] };
const policy = (priority: number, firstResponseMinutes: number, resolutionMinutes: number, alwaysOpen = false): PolicyView => ({
  priority, calendarId: alwaysOpen ? 2 : 1, calendarName: alwaysOpen ? "Around the clock" : "Business hours",
  calendar: { ...office, alwaysOpen }, firstResponseMinutes, resolutionMinutes, autoEscalate: alwaysOpen,
});
// the default targets (src/modules/sla/defaults.ts): a business day is 10 business hours
const P1 = policy(1, 60, 4 * 60, true);
const P2 = policy(2, 4 * 60, 8 * 60);
const P3 = policy(3, 10 * 60, 20 * 60);

const A = 11, B = 12, C = 21; // two N1 agents, one N2 agent

const ticket = (over: Partial<FactsTicket>): FactsTicket => ({
  id: 1, type: "incident", channel: "portal", categoryId: 5, priority: 3, tier: 1, groupId: 1, assigneeId: A, status: "resolved",
  reopenCount: 0, createdAt: P("2026-11-16 09:00"), firstResponseAt: null, resolvedAt: null, closedAt: null, mergedIntoId: null, resolutionCode: "fixed",
  slaResponseBreachedAt: null, slaResolutionBreachedAt: null, ...over,
});
const h = (kind: string, at: string, actorId: number | null, fromValue: string | null = null, toValue: string | null = null): FactsHistory =>
  ({ kind, actorId, fromValue, toValue, reason: null, createdAt: P(at) });
const seg = (kind: SegmentKind, at: string): ClockSegment => ({ kind, at: P(at) });

describe("unit: report facts (computeFacts, tierSpans)", () => {
  describe("tierSpans", () => {
    const created = P("2026-11-16 09:00"), end = P("2026-11-16 15:00");
    const ms = (local: string) => P(local).getTime();

    it("no move: one span at the ticket's tier, from creation to the end", () => {
      expect(tierSpans({ tier: 1, createdAt: created }, [h("taken", "2026-11-16 09:10", A, null, String(A))], end))
        .to.deep.equal([{ tier: 1, from: ms("2026-11-16 09:00"), to: ms("2026-11-16 15:00") }]);
    });

    it("escalated 1 -> 2 then sent back 2 -> 1: three spans, the first tier read from the first move", () => {
      const history = [h("escalated", "2026-11-16 10:00", A, "1", "2"), h("deescalated", "2026-11-16 11:00", C, "2", "1")];
      expect(tierSpans({ tier: 1, createdAt: created }, history, end)).to.deep.equal([
        { tier: 1, from: ms("2026-11-16 09:00"), to: ms("2026-11-16 10:00") },
        { tier: 2, from: ms("2026-11-16 10:00"), to: ms("2026-11-16 11:00") },
        { tier: 1, from: ms("2026-11-16 11:00"), to: ms("2026-11-16 15:00") },
      ]);
    });

    it("created at tier 2: its first tier is 2 (now or, once moved, the first move's `from`)", () => {
      expect(tierSpans({ tier: 2, createdAt: created }, [], end)).to.deep.equal([{ tier: 2, from: ms("2026-11-16 09:00"), to: ms("2026-11-16 15:00") }]);
      expect(tierSpans({ tier: 1, createdAt: created }, [h("deescalated", "2026-11-16 12:00", C, "2", "1")], end)).to.deep.equal([
        { tier: 2, from: ms("2026-11-16 09:00"), to: ms("2026-11-16 12:00") },
        { tier: 1, from: ms("2026-11-16 12:00"), to: ms("2026-11-16 15:00") },
      ]);
    });

    it("a move at the creation instant leaves no empty span", () => {
      expect(tierSpans({ tier: 2, createdAt: created }, [h("escalated", "2026-11-16 09:00", null, "1", "2")], end))
        .to.deep.equal([{ tier: 2, from: ms("2026-11-16 09:00"), to: ms("2026-11-16 15:00") }]);
    });
  });

  describe("computeFacts", () => {
    it("a P3 taken, answered and resolved the same business day by its first assignee: first-contact resolution", () => {
      const t = ticket({ firstResponseAt: P("2026-11-16 09:20"), resolvedAt: P("2026-11-16 11:00") });
      const history = [h("taken", "2026-11-16 09:20", A, null, String(A)), h("resolved", "2026-11-16 11:00", A, "open", "fixed")];
      const segments = [seg("start", "2026-11-16 09:00"), seg("stop", "2026-11-16 11:00")];
      const f = computeFacts(t, history, segments, P3, false);
      expect(f).to.deep.include({
        ticketId: 1, priority: 3, tier: 1, groupId: 1, resolverId: A, firstAssigneeId: A,
        firstResponseSeconds: 20 * MIN, // 09:00 -> 09:20
        resolutionSeconds: 120 * MIN, // 09:00 -> 11:00
        tier1Seconds: 120 * MIN, tier2Seconds: 0, tier3Seconds: 0,
        responseMet: true, resolutionMet: true, escalated: false, reopened: false, fcr: true, kbSolved: false,
      });
      expect(f.resolvedAt.toISOString()).to.equal(P("2026-11-16 11:00").toISOString());
    });

    it("created Friday evening, answered Monday morning, paused in pending: business time only while the clock ran", () => {
      const t = ticket({ createdAt: P("2026-11-20 17:00"), firstResponseAt: P("2026-11-23 08:30"), resolvedAt: P("2026-11-24 11:00") });
      const history = [h("taken", "2026-11-23 08:45", A, null, String(A)), h("resolved", "2026-11-24 11:00", A, "open", "fixed")];
      const segments = [seg("start", "2026-11-20 17:00"), seg("pause", "2026-11-23 09:00"), seg("resume", "2026-11-24 10:00"), seg("stop", "2026-11-24 11:00")];
      const f = computeFacts(t, history, segments, P3, false);
      // Fri 17:00-18:00 (60) + Mon 08:00-08:30 (30) = 90 business minutes
      expect(f.firstResponseSeconds).to.equal(90 * MIN);
      // Fri 17:00-18:00 (60) + Mon 08:00-09:00 (60) + [pending Mon 09:00 -> Tue 10:00 left out] + Tue 10:00-11:00 (60) = 180
      expect(f.resolutionSeconds).to.equal(180 * MIN);
      expect(f.tier1Seconds).to.equal(180 * MIN);
      expect(f).to.include({ responseMet: true, resolutionMet: true, fcr: true });
    });

    it("escalated N1 -> N2 and resolved by N2: time split between the tiers, escalated, not FCR", () => {
      const t = ticket({ priority: 2, tier: 2, groupId: 2, assigneeId: C, createdAt: P("2026-11-17 09:00"), firstResponseAt: P("2026-11-17 09:30"), resolvedAt: P("2026-11-17 15:00") });
      const history = [
        h("taken", "2026-11-17 09:30", A, null, String(A)), h("escalated", "2026-11-17 11:00", A, "1", "2"), h("assigned", "2026-11-17 11:00", A, String(A), null),
        h("taken", "2026-11-17 12:00", C, null, String(C)), h("resolved", "2026-11-17 15:00", C, "open", "fixed"),
      ];
      const f = computeFacts(t, history, [seg("start", "2026-11-17 09:00"), seg("stop", "2026-11-17 15:00")], P2, false);
      expect(f).to.deep.include({
        resolverId: C, firstAssigneeId: A, escalated: true, fcr: false, reopened: false, tier: 2, groupId: 2,
        firstResponseSeconds: 30 * MIN, // 09:00 -> 09:30
        resolutionSeconds: 360 * MIN, // 09:00 -> 15:00
        tier1Seconds: 120 * MIN, // 09:00 -> 11:00 at N1
        tier2Seconds: 240 * MIN, // 11:00 -> 15:00 at N2 (waiting in its queue included)
        responseMet: true, resolutionMet: true, // 30 < 240, 360 < 480
      });
    });

    it("escalated then sent back down and resolved at tier 1 by the first assignee: still not FCR (it was escalated)", () => {
      const t = ticket({ createdAt: P("2026-11-25 09:00"), firstResponseAt: P("2026-11-25 09:15"), resolvedAt: P("2026-11-25 12:00") });
      const history = [
        h("taken", "2026-11-25 09:15", A, null, String(A)), h("escalated", "2026-11-25 10:00", A, "1", "2"), h("assigned", "2026-11-25 10:00", A, String(A), null),
        h("deescalated", "2026-11-25 11:00", C, "2", "1"), h("taken", "2026-11-25 11:30", A, null, String(A)), h("resolved", "2026-11-25 12:00", A, "open", "fixed"),
      ];
      const f = computeFacts(t, history, [seg("start", "2026-11-25 09:00"), seg("stop", "2026-11-25 12:00")], P3, false);
      // N1 09:00-10:00 (60) + 11:00-12:00 (60) = 120; N2 10:00-11:00 (60)
      expect(f).to.include({ tier1Seconds: 120 * MIN, tier2Seconds: 60 * MIN, resolutionSeconds: 180 * MIN, escalated: true, fcr: false, tier: 1 });
    });

    it("created at tier 2: resolved there is not FCR; sent down and resolved at tier 1 by its first assignee is", () => {
      const segments = [seg("start", "2026-11-16 09:00"), seg("stop", "2026-11-16 12:00")];
      const atTwo = ticket({ tier: 2, groupId: 2, assigneeId: C, resolvedAt: P("2026-11-16 12:00"), firstResponseAt: P("2026-11-16 10:00") });
      const f2 = computeFacts(atTwo, [h("taken", "2026-11-16 10:00", C, null, String(C))], segments, P3, false);
      expect(f2).to.include({ tier1Seconds: 0, tier2Seconds: 180 * MIN, escalated: false, fcr: false });
      const down = ticket({ tier: 1, assigneeId: A, resolvedAt: P("2026-11-16 12:00"), firstResponseAt: P("2026-11-16 11:00") });
      const f1 = computeFacts(down, [h("deescalated", "2026-11-16 10:00", C, "2", "1"), h("taken", "2026-11-16 11:00", A, null, String(A))], segments, P3, false);
      // N2 09:00-10:00 (60), N1 10:00-12:00 (120)
      expect(f1).to.include({ tier1Seconds: 120 * MIN, tier2Seconds: 60 * MIN, escalated: false, fcr: true, firstAssigneeId: A });
    });

    it("resolved, reopened, resolved again: both running stretches, the latest resolution, reopened, not FCR", () => {
      const t = ticket({ assigneeId: B, reopenCount: 1, createdAt: P("2026-11-18 10:00"), firstResponseAt: P("2026-11-18 10:10"), resolvedAt: P("2026-11-19 10:30") });
      const history = [
        h("taken", "2026-11-18 10:10", B, null, String(B)), h("resolved", "2026-11-18 12:00", B, "open", "fixed"),
        h("reopened", "2026-11-19 09:00", 99, "resolved", "open"), h("resolved", "2026-11-19 10:30", B, "open", "fixed"),
      ];
      const segments = [seg("start", "2026-11-18 10:00"), seg("stop", "2026-11-18 12:00"), seg("resume", "2026-11-19 09:00"), seg("stop", "2026-11-19 10:30")];
      const f = computeFacts(t, history, segments, P3, false);
      // Wed 10:00-12:00 (120) + Thu 09:00-10:30 (90) = 210; resolved and waiting for the requester is not counted
      expect(f).to.include({ resolutionSeconds: 210 * MIN, tier1Seconds: 210 * MIN, reopened: true, fcr: false, resolverId: B });
      expect(f.resolvedAt.toISOString()).to.equal(P("2026-11-19 10:30").toISOString());
      // the history alone says it too (a reopen count lost would not hide it)
      expect(computeFacts({ ...t, reopenCount: 0 }, history, segments, P3, false).reopened).to.equal(true);
    });

    it("met or not as the ticket recorded it: a breach recorded before the event is late (at the very instant too), none is met", () => {
      const segments = [seg("start", "2026-11-19 09:00"), seg("stop", "2026-11-19 16:00")];
      // what the SLA engine recorded on the ticket: response breached at 13:00 (P2: 240 business minutes)
      const late = computeFacts(ticket({ priority: 2, firstResponseAt: P("2026-11-19 14:00"), resolvedAt: P("2026-11-19 16:00"), slaResponseBreachedAt: P("2026-11-19 13:00") }), [], segments, P2, false);
      // response 09:00 -> 14:00 = 300 minutes, recorded breach at 13:00 before it; resolution 420 < 480, no breach recorded
      expect(late).to.include({ firstResponseSeconds: 300 * MIN, responseMet: false, resolutionSeconds: 420 * MIN, resolutionMet: true });
      const atBreach = computeFacts(ticket({ priority: 2, firstResponseAt: P("2026-11-19 13:00"), resolvedAt: P("2026-11-19 16:00"), slaResponseBreachedAt: P("2026-11-19 13:00") }), [], segments, P2, false);
      expect(atBreach).to.include({ firstResponseSeconds: 240 * MIN, responseMet: false });
      // a breach of the resolution recorded (whenever): not met; the response had none: met
      const slow = computeFacts(ticket({ createdAt: P("2026-11-23 09:00"), firstResponseAt: P("2026-11-23 09:30"), resolvedAt: P("2026-11-25 11:00"), slaResolutionBreachedAt: P("2026-11-25 09:00") }),
        [], [seg("start", "2026-11-23 09:00"), seg("stop", "2026-11-25 11:00")], P3, false);
      // P3 from Mon 09:00 to Wed 11:00: Mon 540 + Tue 600 + Wed 180 = 1320 business minutes
      expect(slow).to.include({ resolutionSeconds: 1320 * MIN, resolutionMet: false, responseMet: true });
      // the priority lowered after a breach: the replay with today's P4 would say met; the ticket's record says breached
      const lowered = computeFacts(ticket({ priority: 4, firstResponseAt: P("2026-11-19 14:00"), resolvedAt: P("2026-11-19 16:00"), slaResponseBreachedAt: P("2026-11-19 10:00") }),
        [], segments, policy(4, 72 * 60, 5 * 600), false);
      expect(lowered).to.include({ responseMet: false, resolutionMet: true });
    });

    it("a ticket resolved with its major incident or its problem is not a first-contact resolution", () => {
      const segments = [seg("start", "2026-11-19 09:00"), seg("stop", "2026-11-19 10:00")];
      const bulk = (reason: string | null) => computeFacts(ticket({ assigneeId: B, resolvedAt: P("2026-11-19 10:00") }),
        [{ kind: "resolved", actorId: B, fromValue: "new", toValue: "fixed", reason, createdAt: P("2026-11-19 10:00") }], segments, P3, false);
      expect(bulk(null).fcr).to.equal(true);
      expect(bulk("sla:with_major").fcr).to.equal(false);
      expect(bulk("sla:with_problem").fcr).to.equal(false);
    });

    it("cancelled and duplicate tickets have no facts", () => {
      for (const resolutionCode of ["cancelled", "duplicate"] as const) expect(hasFacts({ status: "closed", mergedIntoId: null, resolutionCode })).to.equal(false);
      for (const resolutionCode of ["fixed", "workaround", "no_fault"] as const) expect(hasFacts({ status: "resolved", mergedIntoId: null, resolutionCode })).to.equal(true);
    });

    it("a P1 over a weekend runs around the clock", () => {
      const t = ticket({ priority: 1, createdAt: P("2026-11-21 22:00"), firstResponseAt: P("2026-11-21 22:30"), resolvedAt: P("2026-11-22 00:30") });
      const f = computeFacts(t, [], [seg("start", "2026-11-21 22:00"), seg("stop", "2026-11-22 00:30")], P1, false);
      // Sat 22:00 -> Sun 00:30 = 150 minutes of wall-clock time; 30 < 60, 150 < 240
      expect(f).to.include({ firstResponseSeconds: 30 * MIN, resolutionSeconds: 150 * MIN, tier1Seconds: 150 * MIN, responseMet: true, resolutionMet: true });
    });

    it("no policy for its priority: wall-clock running time, no SLA verdict", () => {
      const t = ticket({ createdAt: P("2026-11-20 17:00"), firstResponseAt: P("2026-11-20 17:30"), resolvedAt: P("2026-11-23 09:00") });
      const segments = [seg("start", "2026-11-20 17:00"), seg("pause", "2026-11-20 18:00"), seg("resume", "2026-11-23 08:00"), seg("stop", "2026-11-23 09:00")];
      const f = computeFacts(t, [], segments, undefined, true);
      // Fri 17:00-18:00 (60) + Mon 08:00-09:00 (60) = 120 running minutes, the weekend paused
      expect(f).to.include({ firstResponseSeconds: 30 * MIN, resolutionSeconds: 120 * MIN, tier1Seconds: 120 * MIN, responseMet: null, resolutionMet: null, kbSolved: true });
    });

    it("no first response (closed without a staff reply): no response time nor verdict; nobody assigned: no resolver, not FCR", () => {
      const t = ticket({ status: "closed", assigneeId: null, resolvedAt: null, closedAt: P("2026-11-16 10:00") });
      const f = computeFacts(t, [], [seg("start", "2026-11-16 09:00"), seg("stop", "2026-11-16 10:00")], P3, false);
      expect(f).to.include({ firstResponseSeconds: null, responseMet: null, resolutionSeconds: 60 * MIN, resolutionMet: true, resolverId: null, firstAssigneeId: null, fcr: false });
      // a ticket closed without a resolution: resolved at its closing
      expect(f.resolvedAt.toISOString()).to.equal(P("2026-11-16 10:00").toISOString());
    });

    it("resolver: the assignee, else who resolved it; first assignee: the first taken or assigned (an unassignment skipped)", () => {
      const segments = [seg("start", "2026-11-16 09:00"), seg("stop", "2026-11-16 10:00")];
      const resolved = [h("resolved", "2026-11-16 10:00", B, "new", "fixed")];
      expect(computeFacts(ticket({ assigneeId: null, resolvedAt: P("2026-11-16 10:00") }), resolved, segments, P3, false))
        .to.include({ resolverId: B, firstAssigneeId: B, fcr: true });
      // taken by A, handed to B who resolves: B did not have it first
      const handed = [h("assigned", "2026-11-16 09:05", A, null, ""), h("taken", "2026-11-16 09:10", A, null, String(A)), h("assigned", "2026-11-16 09:30", A, String(A), String(B)), ...resolved];
      expect(computeFacts(ticket({ assigneeId: B, resolvedAt: P("2026-11-16 10:00") }), handed, segments, P3, false))
        .to.include({ resolverId: B, firstAssigneeId: A, fcr: false });
    });

    it("only resolved or closed tickets have facts, and not a duplicate merged into another", () => {
      expect(hasFacts({ status: "resolved", mergedIntoId: null, resolutionCode: "fixed" })).to.equal(true);
      expect(hasFacts({ status: "closed", mergedIntoId: null, resolutionCode: "fixed" })).to.equal(true);
      expect(hasFacts({ status: "closed", mergedIntoId: 7, resolutionCode: "duplicate" })).to.equal(false);
      expect(() => computeFacts(ticket({ status: "closed", mergedIntoId: 7 }), [], [], P3, false)).to.throw(/with a solution/);
      for (const status of ["new", "open", "pending", "escalated"] as const) {
        expect(hasFacts({ status, mergedIntoId: null, resolutionCode: null })).to.equal(false);
        expect(() => computeFacts(ticket({ status }), [], [], P3, false)).to.throw(/only a ticket resolved or closed/);
      }
    });
  });
});
