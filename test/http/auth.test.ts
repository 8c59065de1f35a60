import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeUser, PASSWORD } from "../factories";
import { csrfFrom, signIn } from "../helpers/http";
import { SessionRow } from "../../src/platform/db/session.entity";

describe("HTTP: sign-in, sessions and language", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    await makeUser(ctx.deps, { username: "emma" });
    await makeUser(ctx.deps, { username: "lea", locale: "fr" });
    await makeUser(ctx.deps, { username: "victim" });
  });

  it("sends anonymous visitors to the sign-in page", async () => {
    const res = await request(ctx.app).get("/portal").expect(303);
    expect(res.headers.location).to.equal("/login?next=%2Fportal");
  });

  it("gives the same answer for a wrong password and an unknown user", async () => {
    const agent = request.agent(ctx.app);
    const token = csrfFrom((await agent.get("/login")).text);
    const a = await agent.post("/login").type("form").send({ _csrf: token, username: "emma", password: "wrong-password" }).expect(401);
    const b = await agent.post("/login").type("form").send({ _csrf: token, username: "nobody", password: "wrong-password" }).expect(401);
    expect(a.text).to.contain("Wrong username or password.");
    expect(b.text).to.contain("Wrong username or password.");
  });

  it("regenerates the session at sign-in and ends it at sign-out", async () => {
    const agent = request.agent(ctx.app);
    const page = await agent.get("/login");
    const before = /niveau\.sid=([^;]+)/.exec(String(page.headers["set-cookie"]))?.[1];
    const res = await agent.post("/login").type("form").send({ _csrf: csrfFrom(page.text), username: "emma", password: PASSWORD, next: "/portal/new" }).expect(303);
    expect(res.headers.location).to.equal("/portal/new");
    const after = /niveau\.sid=([^;]+)/.exec(String(res.headers["set-cookie"]))?.[1];
    expect(after).to.be.a("string").and.not.equal(before);
    const portal = await agent.get("/portal").expect(200);
    await agent.post("/logout").type("form").send({ _csrf: csrfFrom(portal.text) }).expect(303);
    await agent.get("/portal").expect(303);
  });

  it("does not follow an off-site next address", async () => {
    const agent = request.agent(ctx.app);
    const page = await agent.get("/login");
    const res = await agent.post("/login").type("form").send({ _csrf: csrfFrom(page.text), username: "emma", password: PASSWORD, next: "//evil.example" }).expect(303);
    expect(res.headers.location).to.equal("/portal");
  });

  it("throttles an account after repeated failures, with a clear message", async () => {
    const agent = request.agent(ctx.app);
    const token = csrfFrom((await agent.get("/login")).text);
    for (let i = 0; i < ctx.config.loginThrottle.maxPerAccount; i++) {
      await agent.post("/login").type("form").send({ _csrf: token, username: "victim", password: "nope-nope-nope" }).expect(401);
    }
    const res = await agent.post("/login").type("form").send({ _csrf: token, username: "victim", password: PASSWORD }).expect(429);
    expect(res.text).to.contain("Too many sign-in attempts");
  });

  it("ends the session after the absolute timeout even when active", async () => {
    const agent = await signIn(ctx.app, "emma");
    await agent.get("/portal").expect(200);
    ctx.clock.advance((ctx.config.session.absoluteHours + 1) * 3600_000);
    try {
      await agent.get("/portal").expect(303);
    } finally {
      ctx.clock.advance(-(ctx.config.session.absoluteHours + 1) * 3600_000);
    }
  });

  it("keeps sessions in the database with the user id", async () => {
    await signIn(ctx.app, "emma");
    expect(await ctx.deps.db.getRepository(SessionRow).count()).to.be.greaterThan(0);
    const row = await ctx.deps.db.getRepository(SessionRow).findOne({ where: {}, order: { expiresAt: "DESC" } });
    expect(row?.userId).to.be.a("number");
  });

  it("speaks the user's language, then the browser's, and the footer switch changes it", async () => {
    const anon = await request(ctx.app).get("/login").set("accept-language", "fr-FR,fr;q=0.9").expect(200);
    expect(anon.text).to.contain('lang="fr"');
    expect(anon.text).to.contain("Se connecter");
    const lea = await signIn(ctx.app, "lea");
    const home = await lea.get("/portal").set("accept-language", "en").expect(200);
    expect(home.text).to.contain('lang="fr"');
    await lea.post("/locale").type("form").send({ _csrf: csrfFrom(home.text), locale: "en", back: "/portal" }).expect(303);
    const after = await lea.get("/portal").expect(200);
    expect(after.text).to.contain('lang="en"');
    for (const back of ["//evil.example", "/\\evil.example"]) {
      const res = await lea.post("/locale").type("form").send({ _csrf: csrfFrom(after.text), locale: "en", back }).expect(303);
      expect(res.headers.location).to.equal("/");
    }
  });
});
