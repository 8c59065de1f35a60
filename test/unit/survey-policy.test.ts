import { expect } from "chai";
import { actor, ONE_OF_EACH, statusOf } from "../helpers/actors";
import { authorizeSurvey, canSurvey, SURVEY_ACTIONS, type SurveySubject } from "../../src/access/policies/survey.policy";
import type { Actor } from "../../src/access/actor";

// a tier-1 ticket raised by user 1, open to a rating, rated low
const LOW: SurveySubject = { requesterId: 1, tier: 1, tiersVisited: 1, assigneeId: null, mergedIntoId: null, open: true, low: true };

/** ONE_OF_EACH, another employee, an N2 agent (the ticket never reached N2), and nobody (a deactivated requester's link). */
const ACTORS: Record<string, Actor | null> = {
  ...ONE_OF_EACH, other_requester: actor(9, "requester"), agent_n2: actor(7, "agent", [2]), nobody: null,
};

// Columns follow SURVEY_ACTIONS (rate, reach_out, reopen, follow_up): canSurvey (1 = yes), then authorizeSurvey's status.
const MATRIX: Record<string, [number[], number[]]> = {
  requester:       [[1, 0, 0, 0], [200, 403, 403, 403]],
  other_requester: [[0, 0, 0, 0], [404, 404, 404, 404]],
  agent_n1:        [[0, 0, 0, 0], [404, 403, 403, 403]],
  agent_n2:        [[0, 0, 0, 0], [404, 404, 404, 404]],
  agent_n3:        [[0, 0, 0, 0], [404, 404, 404, 404]],
  supervisor:      [[0, 1, 1, 1], [404, 200, 200, 200]],
  admin:           [[0, 0, 0, 0], [404, 404, 404, 404]],
  nobody:          [[0, 0, 0, 0], [404, 404, 404, 404]],
};

describe("unit: survey policy (role x action)", () => {
  for (const [who, [can, status]] of Object.entries(MATRIX)) {
    it(`${who}: ${can.join(" ")} / ${status.join(" ")}`, () => {
      const a = ACTORS[who];
      expect(SURVEY_ACTIONS.map((action) => (canSurvey(a, action, LOW) ? 1 : 0))).to.deep.equal(can);
      expect(SURVEY_ACTIONS.map((action) => statusOf(() => authorizeSurvey(a, action, LOW)))).to.deep.equal(status);
    });
  }

  it("the requester of a ticket not open to a rating (reopened, not yet resolved or closed): 409 survey_not_open; a merged one too", () => {
    const code = (s: SurveySubject) => { try { authorizeSurvey(ACTORS.requester, "rate", s); return "ok"; } catch (e) { return (e as { code?: string }).code; } };
    expect(canSurvey(ACTORS.requester, "rate", { ...LOW, open: false })).to.equal(false);
    expect(code({ ...LOW, open: false })).to.equal("survey_not_open");
    expect(code({ ...LOW, mergedIntoId: 7, open: false })).to.equal("survey_not_open");
    expect(statusOf(() => authorizeSurvey(ACTORS.requester, "rate", { ...LOW, open: false }))).to.equal(409);
  });

  it("a supervisor reacts only to a low score, never on a merged duplicate nor to their own rating", () => {
    for (const action of ["reach_out", "reopen", "follow_up"] as const) {
      expect(canSurvey(ACTORS.supervisor, action, { ...LOW, low: false }), action).to.equal(false);
      expect(statusOf(() => authorizeSurvey(ACTORS.supervisor, action, { ...LOW, low: false })), action).to.equal(403);
      expect(canSurvey(ACTORS.supervisor, action, { ...LOW, mergedIntoId: 7 }), action).to.equal(false);
      expect(canSurvey(ACTORS.supervisor, action, { ...LOW, requesterId: 4 }), action).to.equal(false);
    }
    // their own ticket: they rate it like anyone
    expect(canSurvey(ACTORS.supervisor, "rate", { ...LOW, requesterId: 4 })).to.equal(true);
  });

  it("an unknown ticket is the same 404 as another person's; the refusal codes", () => {
    const code = (fn: () => void) => { try { fn(); return "ok"; } catch (e) { return (e as { code?: string }).code; } };
    expect(code(() => authorizeSurvey(ACTORS.supervisor, "follow_up", null))).to.equal("ticket_not_found");
    expect(code(() => authorizeSurvey(ACTORS.other_requester, "rate", LOW))).to.equal("ticket_not_found");
    expect(code(() => authorizeSurvey(ACTORS.agent_n1, "follow_up", LOW))).to.equal("survey_action_forbidden");
  });
});
