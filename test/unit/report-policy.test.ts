import { expect } from "chai";
import { actor, ONE_OF_EACH, statusOf } from "../helpers/actors";
import { authorizeReport, authorizeReportGroup, canReport, reportScope, seesAllReports } from "../../src/access/policies/report.policy";
import type { Actor } from "../../src/access/actor";

/** ONE_OF_EACH (agents of N1 and N3, a supervisor of every tier), and an agent in no group yet. */
const ACTORS: Record<string, Actor> = { ...ONE_OF_EACH, agent_no_group: actor(6, "agent") };

// Columns: canReport, seesAllReports (1 = yes), then the status authorizeReport answers, then
// authorizeReportGroup's for the groups 1 (N1), 2 (N2) and 3 (N3), which exist, and 99, which does not.
const MATRIX: Record<string, [number, number, number, number, number, number, number]> = {
  requester:      [0, 0, 403, 404, 404, 404, 404],
  agent_n1:       [1, 0, 200, 200, 404, 404, 404],
  agent_n3:       [1, 0, 200, 404, 404, 200, 404],
  agent_no_group: [1, 0, 200, 404, 404, 404, 404],
  supervisor:     [1, 1, 200, 200, 200, 200, 404],
  admin:          [1, 1, 200, 200, 200, 200, 404],
};

describe("unit: report policy (role x action)", () => {
  for (const [who, expected] of Object.entries(MATRIX)) {
    it(`${who}: ${expected.join(" ")}`, () => {
      const a = ACTORS[who];
      const group = (id: number) => statusOf(() => authorizeReportGroup(a, id, id !== 99));
      expect([
        canReport(a) ? 1 : 0, seesAllReports(a) ? 1 : 0, statusOf(() => authorizeReport(a)), group(1), group(2), group(3), group(99),
      ]).to.deep.equal(expected);
    });
  }

  it("a group that does not exist is the same 404 as another group's, even when the agent's own id is asked for", () => {
    const code = (fn: () => void) => { try { fn(); return "ok"; } catch (e) { return (e as { code?: string }).code; } };
    expect(code(() => authorizeReportGroup(ACTORS.agent_n1, 2, true))).to.equal("report_group_not_found");
    expect(code(() => authorizeReportGroup(ACTORS.agent_n1, 99, false))).to.equal("report_group_not_found");
    expect(code(() => authorizeReportGroup(ACTORS.agent_n1, 1, false))).to.equal("report_group_not_found");
    expect(code(() => authorizeReportGroup(ACTORS.supervisor, 99, false))).to.equal("report_group_not_found");
    expect(code(() => authorizeReport(ACTORS.requester))).to.equal("forbidden");
  });

  it("scopes the report queries: supervisors and admins nothing to add, a requester nothing at all", () => {
    expect(reportScope(ACTORS.supervisor, "t", "assignee_id")).to.equal(null);
    expect(reportScope(ACTORS.admin, "k", "resolver_id")).to.equal(null);
    expect(reportScope(ACTORS.requester, "t", "assignee_id")).to.deep.equal({ sql: "1 = 0", params: {} });
    expect(reportScope(ACTORS.requester, "k", "resolver_id")).to.deep.equal({ sql: "1 = 0", params: {} });
  });

  it("an agent: the tickets of their groups or the ones they hold (live tickets) or resolved (facts), on the alias given", () => {
    expect(reportScope(ACTORS.agent_n1, "t", "assignee_id")).to.deep.equal({ sql: "(t.group_id IN (:rg0) OR t.assignee_id = :rme)", params: { rg0: 1, rme: 2 } });
    expect(reportScope(ACTORS.agent_n3, "k", "resolver_id")).to.deep.equal({ sql: "(k.group_id IN (:rg0) OR k.resolver_id = :rme)", params: { rg0: 3, rme: 3 } });
    expect(reportScope(actor(7, "agent", [1, 2]), "t", "assignee_id"))
      .to.deep.equal({ sql: "(t.group_id IN (:rg0, :rg1) OR t.assignee_id = :rme)", params: { rg0: 1, rg1: 2, rme: 7 } });
  });

  it("an agent in no group sees only what they hold", () => {
    expect(reportScope(ACTORS.agent_no_group, "t", "assignee_id")).to.deep.equal({ sql: "(t.assignee_id = :rme)", params: { rme: 6 } });
    expect(reportScope(ACTORS.agent_no_group, "k", "resolver_id")).to.deep.equal({ sql: "(k.resolver_id = :rme)", params: { rme: 6 } });
  });
});
