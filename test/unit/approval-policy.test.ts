import { expect } from "chai";
import { actor } from "../helpers/actors";
import { authorizeApproval, canApproval, type ApprovalAction } from "../../src/access/policies/approval.policy";
import type { Actor } from "../../src/access/actor";
import { AppError } from "../../src/platform/http/errors";


// the approval of a request made by the requester (1), to be decided by the manager (6)
const APPROVAL = { approverId: 6 };
const ACTORS: [string, Actor, boolean][] = [
  ["the approver (an employee)", actor(6, "requester"), true],
  ["the requester", actor(1, "requester"), false],
  ["an N1 agent", actor(2, "agent", [1]), false],
  ["a supervisor", actor(4, "supervisor", [1, 2, 3]), false],
  ["an admin", actor(5, "admin"), false],
  ["an approver who is also an agent", { ...actor(6, "agent", [2]) }, true],
];

describe("unit: the approval policy (role x action)", () => {
  for (const [who, a, allowed] of ACTORS) {
    for (const action of ["read", "decide"] as ApprovalAction[]) {
      it(`${who} ${allowed ? "may" : "may not"} ${action} it${allowed ? "" : " (404: not told it exists)"}`, () => {
        expect(canApproval(a, action, APPROVAL)).to.equal(allowed);
        if (allowed) expect(() => authorizeApproval(a, action, APPROVAL)).to.not.throw();
        else {
          try {
            authorizeApproval(a, action, APPROVAL);
            expect.fail("expected a refusal");
          } catch (e) {
            expect(e).to.be.instanceOf(AppError);
            expect(e).to.include({ status: 404, code: "approval_not_found" });
          }
        }
      });
    }
  }
  it("an approval that does not exist is the same 404", () => {
    expect(() => authorizeApproval(actor(6, "requester"), "read", null)).to.throw(AppError).with.property("status", 404);
  });
});
