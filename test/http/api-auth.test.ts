import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeUser } from "../factories";
import { signIn, csrf } from "../helpers/http";

describe("HTTP: API without credentials and action names", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    await makeUser(ctx.deps, { username: "emma" });
  });

  it("answers 401 (not a CSRF 403) to a POST with no credentials at all", async () => {
    const res = await request(ctx.app).post("/api/v1/tickets").send({ type: "incident", title: "x", description: "y" }).expect(401);
    expect(res.body.error.code).to.equal("unauthorized");
  });

  it("a prototype name is not a ticket action", async () => {
    const web = await signIn(ctx.app, "emma");
    const token = await csrf(web, "/portal");
    await web.post("/tickets/INC-000001/toString").type("form").send({ _csrf: token }).expect(404);
    await web.post("/tickets/INC-000001/constructor").type("form").send({ _csrf: token }).expect(404);
  });
});
