import { expect } from "chai";
import { actionTo, assertMove, canMove, statusActions, type ProblemAction } from "../../src/modules/problems/problem-states";
import { PROBLEM_STATUSES } from "../../src/modules/problems/problem.entity";
import { AppError } from "../../src/platform/http/errors";

describe("unit: the problem state table", () => {
  it("allows each action from exactly its statuses", () => {
    const table: Record<ProblemAction, string[]> = {
      investigate: ["new"], publish_workaround: ["new", "investigating", "known_error"], resolve: ["new", "investigating", "known_error"],
      close: ["resolved"], reopen: ["resolved"], link: ["new", "investigating", "known_error"], edit: ["new", "investigating", "known_error", "resolved"],
    };
    for (const [action, from] of Object.entries(table) as [ProblemAction, string[]][]) {
      expect(PROBLEM_STATUSES.filter((s) => canMove(action, s)), action).to.deep.equal(from);
    }
  });

  it("maps a status asked for by name to its action, and refuses the rest with a 409", () => {
    expect(actionTo("new", "investigating")).to.equal("investigate");
    expect(actionTo("resolved", "investigating")).to.equal("reopen");
    expect(actionTo("resolved", "closed")).to.equal("close");
    const code = (fn: () => unknown) => {
      try {
        fn();
        return null;
      } catch (err) {
        return err instanceof AppError ? `${err.status} ${err.code} ${err.messageKey}` : String(err);
      }
    };
    expect(code(() => actionTo("investigating", "closed"))).to.equal("409 invalid_transition problems.errors.transition.closed");
    expect(code(() => actionTo("new", "known_error"))).to.equal("409 invalid_transition problems.errors.transition.other");
    expect(code(() => actionTo("closed", "investigating"))).to.equal("409 invalid_transition problems.errors.transition.investigating");
    expect(code(() => assertMove("resolve", "resolved"))).to.equal("409 problem_closed problems.errors.problem_closed");
    expect(code(() => assertMove("edit", "closed"))).to.equal("409 problem_closed problems.errors.problem_final");
    expect(code(() => assertMove("edit", "resolved"))).to.equal(null);
  });

  it("offers the status buttons that apply", () => {
    expect(PROBLEM_STATUSES.map((s) => [s, statusActions(s)])).to.deep.equal([
      ["new", ["investigate"]], ["investigating", []], ["known_error", []], ["resolved", ["reopen", "close"]], ["closed", []],
    ]);
  });
});
