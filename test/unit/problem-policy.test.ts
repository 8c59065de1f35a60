import { expect } from "chai";
import { actor } from "../helpers/actors";
import { authorizeProblem, canProblem, type ProblemAction } from "../../src/access/policies/problem.policy";
import type { Actor } from "../../src/access/actor";
import { AppError } from "../../src/platform/http/errors";


const ACTORS: Record<string, Actor> = {
  requester: actor(1, "requester"),
  agent_n1: actor(2, "agent", [1]),
  agent_n2: actor(3, "agent", [2]),
  agent_n3: actor(4, "agent", [3]),
  agent_n1_n2: actor(7, "agent", [1, 2]),
  supervisor: actor(5, "supervisor", [1, 2, 3]),
  admin: actor(6, "admin"),
};

const ACTIONS: ProblemAction[] = ["read", "create", "edit", "link", "link_known_error"];

// Expected matrix (1 = allowed), for a problem under investigation and for a known error. Columns follow ACTIONS.
const MATRIX: Record<string, { investigating: number[]; known_error: number[] }> = {
  requester:   { investigating: [0, 0, 0, 0, 0], known_error: [0, 0, 0, 0, 0] },
  agent_n1:    { investigating: [1, 0, 0, 0, 0], known_error: [1, 0, 0, 0, 1] },
  agent_n2:    { investigating: [1, 1, 1, 1, 1], known_error: [1, 1, 1, 1, 1] },
  agent_n3:    { investigating: [1, 1, 1, 1, 1], known_error: [1, 1, 1, 1, 1] },
  agent_n1_n2: { investigating: [1, 1, 1, 1, 1], known_error: [1, 1, 1, 1, 1] },
  supervisor:  { investigating: [1, 1, 1, 1, 1], known_error: [1, 1, 1, 1, 1] },
  admin:       { investigating: [0, 0, 0, 0, 0], known_error: [0, 0, 0, 0, 0] },
};

describe("unit: problem policy (role x action)", () => {
  for (const [who, rows] of Object.entries(MATRIX)) {
    for (const status of ["investigating", "known_error"] as const) {
      it(`${who} on a problem that is ${status}: ${rows[status].join("")}`, () => {
        const got = ACTIONS.map((a) => (canProblem(ACTORS[who], a, { status }) ? 1 : 0));
        expect(got).to.deep.equal(rows[status]);
      });
    }
  }

  it("someone who may not read problems gets a 404 (they do not learn one exists); a reader without the right a 403", () => {
    const status = (fn: () => void) => { try { fn(); return 200; } catch (e) { return e instanceof AppError ? e.status : 500; } };
    expect(status(() => authorizeProblem(ACTORS.requester, "edit", { status: "new" }))).to.equal(404);
    expect(status(() => authorizeProblem(ACTORS.admin, "read"))).to.equal(404);
    expect(status(() => authorizeProblem(ACTORS.agent_n1, "create"))).to.equal(403);
    expect(status(() => authorizeProblem(ACTORS.agent_n1, "link_known_error", { status: "investigating" }))).to.equal(403);
    expect(status(() => authorizeProblem(ACTORS.agent_n1, "link_known_error", { status: "known_error" }))).to.equal(200);
  });
});
