import { expect } from "chai";
import { resetDb, testContext, type TestContext } from "../helpers/context";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2 } from "../factories";
import { SupportGroup } from "../../src/modules/users/group.entity";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { invalidateReference } from "../../src/platform/db/reference-cache";

describe("integration: what nothing routes goes to the tier's own group, whatever the names of groups added later", function () {
  this.timeout(20_000);
  let ctx: TestContext;

  before(async () => {
    ctx = await testContext();
  });
  beforeEach(async () => {
    await resetDb(ctx);
  });

  it("an uncategorised incident goes to N1 and an escalation without a group to N2, not to 'Aardvark' groups added after setup", async () => {
    await ctx.deps.db.getRepository(SupportGroup).save([{ name: "Aardvark Facilities", tier: 1 }, { name: "Aardvark Network", tier: 2 }]);
    invalidateReference(ctx.deps.db);
    const emp = await makeUser(ctx.deps, { username: "dg-emp" });
    const n1 = await makeAgent(ctx.deps, 1, { username: "dg-n1" });
    const t = await makeTicket(ctx.deps, emp);
    expect(t.groupId).to.equal(await groupId(ctx.deps, N1));
    await takeTicket(ctx.deps, n1, t.id);
    const up = await escalateTicket(ctx.deps, n1, t.id, { reason: "Needs the network team", note: "Logs attached.", groupId: null });
    expect(up.groupId).to.equal(await groupId(ctx.deps, N2));
  });
});
