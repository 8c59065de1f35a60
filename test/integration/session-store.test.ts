import { expect } from "chai";
import type { SessionData } from "express-session";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeUser } from "../factories";
import { DbSessionStore } from "../../src/platform/db/session-store";
import { SessionRow } from "../../src/platform/db/session.entity";
import { endSessions } from "../../src/modules/users/sessions";

const call = <T>(fn: (cb: (err: unknown, v?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));

describe("integration: session store", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
  });

  it("does not bring back a session ended while a request was still running", async () => {
    const u = await makeUser(ctx.deps);
    const store = new DbSessionStore(ctx.deps.db, ctx.clock, 3600_000);
    const sess = { cookie: { expires: new Date(ctx.clock.now().getTime() + 3600_000) }, passport: { user: u.id } } as unknown as SessionData;
    await call((cb) => store.set("sid-1", sess, cb));
    expect(await call<SessionData | null>((cb) => store.get("sid-1", cb))).to.not.equal(null);
    // the password is reset (or the user deactivated) while that request is in flight
    await endSessions(ctx.deps.db.manager, u.id);
    await call((cb) => store.set("sid-1", sess, cb));
    expect(await ctx.deps.db.getRepository(SessionRow).count({ where: { sid: "sid-1" } })).to.equal(0);
    expect(await call<SessionData | null>((cb) => store.get("sid-1", cb))).to.equal(null);
    // a brand-new session is still written
    await call((cb) => store.set("sid-2", sess, cb));
    expect(await ctx.deps.db.getRepository(SessionRow).count({ where: { sid: "sid-2" } })).to.equal(1);
  });
});
