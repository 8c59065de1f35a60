import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import type { Actor } from "../../src/access/actor";
import { translator } from "../../src/platform/i18n";
import { SessionRow } from "../../src/platform/db/session.entity";
import { acquireLock, JobRunRow, releaseLock } from "../../src/platform/jobs";
import { jobDefinitions } from "../../src/jobs";

const MINUTE = 60_000;
const en = translator("en");
/** Text as the page shows it: tags out, entities decoded, runs of ordinary white space as one space (no-break spaces kept). */
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#34;|&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/[ \t\r\n]+/g, " ");

describe("HTTP: the Scheduled jobs admin page", () => {
  let ctx: TestContext;
  let root: Actor;
  let admin: Agent;

  const runs = (name: string) => ctx.deps.db.getRepository(JobRunRow).find({ where: { name }, order: { id: "ASC" } });
  const runNow = async (name: string, status: number, body: Record<string, string> = {}) =>
    admin.post(`/admin/jobs/${name}/run`).type("form").send({ _csrf: await csrf(admin, "/admin/jobs"), ...body }).expect(status);
  const session = (sid: string, expiresAt: number) => ctx.deps.db.getRepository(SessionRow).insert({ sid, data: "{}", expiresAt, userId: null });

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    root = await makeUser(ctx.deps, { username: "root", name: "Ada Admin", role: "admin" });
    admin = await signIn(ctx.app, "root");
  });
  beforeEach(async () => {
    await ctx.deps.db.getRepository(JobRunRow).clear();
  });

  it("redirects an anonymous visitor to sign in, and refuses a requester and an agent (403) without running anything", async () => {
    for (const url of ["/admin/jobs", "/admin/jobs/session-prune"]) {
      expect((await request(ctx.app).get(url).expect(303)).headers.location).to.equal(`/login?next=${encodeURIComponent(url)}`);
    }
    await makeUser(ctx.deps, { username: "jobs-req" });
    await makeAgent(ctx.deps, 1, { username: "jobs-agt" });
    for (const who of ["jobs-req", "jobs-agt"]) {
      const agent = await signIn(ctx.app, who);
      await agent.get("/admin/jobs").expect(403);
      await agent.get("/admin/jobs/session-prune").expect(403);
      await agent.post("/admin/jobs/session-prune/run").type("form").send({ _csrf: await csrf(agent, "/portal") }).expect(403);
    }
    // and the admin's own form needs its CSRF token
    await admin.post("/admin/jobs/session-prune/run").type("form").send({}).expect(403);
    expect(await runs("session-prune")).to.deep.equal([]);
  });

  it("lists every registered job with its description, schedule, next run and last run", async () => {
    const page = text((await admin.get("/admin/jobs").expect(200)).text);
    expect(page).to.contain(en("jobs.title"));
    for (const [name, schedule] of [["ldap-sync", "30 2 * * *"], ["session-prune", "0 * * * *"]]) {
      expect(page).to.contain(`${name} ${en(`jobs.descriptions.${name}`)}`);
      expect(page).to.contain(schedule);
    }
    expect(page).to.contain(en("jobs.never"));
    expect(page).to.not.contain(en("jobs.not_scheduled"));
    expect(page).to.not.contain(en("jobs.disabled"));
    const html = (await admin.get("/admin/jobs")).text;
    // every registered job (more come with other modules), each with its next run as an instant machines read too
    expect(html.match(/<tr data-job="/g)).to.have.length(jobDefinitions().length);
    expect(html.match(/<time datetime="[^"]+"/g)).to.have.length(jobDefinitions().length);
    expect(html).to.contain('action="/admin/jobs/session-prune/run"');
  });

  it("shows a schedule the configuration replaces with the default beside it, and says when jobs are disabled", async () => {
    const saved = ctx.config.jobs;
    ctx.config.jobs = { enabled: false, schedules: { "session-prune": "*/10 * * * *" } };
    try {
      const page = text((await admin.get("/admin/jobs").expect(200)).text);
      expect(page).to.contain(en("jobs.disabled"));
      expect(page).to.contain("*/10 * * * *");
      expect(page).to.contain(en("jobs.default_schedule", { schedule: "0 * * * *" }));
      expect(page.split(en("jobs.not_scheduled")).length - 1).to.equal(jobDefinitions().length);
    } finally {
      ctx.config.jobs = saved;
    }
  });

  it("runs session-prune now: deletes the expired sessions only, records the run as the admin's, and flashes the counts", async () => {
    const now = ctx.clock.now().getTime();
    await session("expired-1", now - MINUTE);
    await session("expired-2", now - 10 * MINUTE);
    await session("live-1", now + 30 * MINUTE);
    const res = await runNow("session-prune", 303);
    expect(res.headers.location).to.equal("/admin/jobs");
    const [run] = await runs("session-prune");
    expect(run).to.deep.include({ trigger: "manual", actorId: root.id, outcome: "success" });
    expect(run.counts).to.deep.equal({ deleted: 2 });
    const sids = (await ctx.deps.db.getRepository(SessionRow).find()).map((s) => s.sid);
    expect(sids).to.include("live-1").and.not.include("expired-1").and.not.include("expired-2");
    // the admin's own session survived: the next page still opens, with the flash
    const page = text((await admin.get("/admin/jobs").expect(200)).text);
    expect(page).to.contain(en("jobs.flash.done", { name: "session-prune", duration: "0\u00a0ms", counts: "deleted: 2" }));
    expect(page).to.contain(en("jobs.outcomes.success"));
    expect(page).to.contain(`${en("jobs.triggers.manual")} ${en("jobs.by", { name: "Ada Admin" })}`);
    // once flashed, gone
    expect(text((await admin.get("/admin/jobs")).text)).to.not.contain(en("jobs.flash.done", { name: "session-prune", duration: "0\u00a0ms", counts: "deleted: 2" }));
  });

  it("says a job is already running when another run holds its lock (303, warning), and records no run", async () => {
    expect(await acquireLock(ctx.deps.db, "session-prune", "elsewhere", ctx.clock.now())).to.equal(true);
    try {
      const res = await runNow("session-prune", 303);
      expect(res.headers.location).to.equal("/admin/jobs");
      const html = (await admin.get("/admin/jobs").expect(200)).text;
      expect(html).to.contain("alert-warning");
      expect(text(html)).to.contain(en("jobs.running", { name: "session-prune" }));
      expect(await runs("session-prune")).to.deep.equal([]);
    } finally {
      await releaseLock(ctx.deps.db, "session-prune", "elsewhere");
    }
  });

  it("answers 404 for a job that does not exist, on its page and its button", async () => {
    await admin.get("/admin/jobs/no-such-job").expect(404);
    await runNow("no-such-job", 404);
  });

  it("shows a job's last runs on its page, failures with their error, and comes back there after Run now", async () => {
    const repo = ctx.deps.db.getRepository(JobRunRow);
    const at = (min: number) => new Date(ctx.clock.now().getTime() - min * MINUTE);
    await repo.save([
      repo.create({ name: "ldap-sync", trigger: "schedule", actorId: null, startedAt: at(60), finishedAt: null, outcome: "failure", counts: {}, report: null, error: "Interrupted: the process running it stopped before the run finished." }),
      repo.create({ name: "ldap-sync", trigger: "cli", actorId: null, startedAt: at(30), finishedAt: at(29.9), outcome: "failure", counts: {}, report: null, error: "[unreachable] connect ECONNREFUSED 127.0.0.1:389" }),
      repo.create({ name: "ldap-sync", trigger: "schedule", actorId: null, startedAt: at(10), finishedAt: new Date(at(10).getTime() + 4200), outcome: "success", counts: { seen: 12, created: 3 }, report: null, error: null }),
    ]);
    const list = text((await admin.get("/admin/jobs").expect(200)).text);
    expect(list).to.contain("seen: 12, created: 3");
    expect(list).to.contain("4.2\u00a0s");
    const page = text((await admin.get("/admin/jobs/ldap-sync").expect(200)).text);
    expect(page).to.contain(en("jobs.runs", { count: 20 }));
    expect(page).to.contain("[unreachable] connect ECONNREFUSED 127.0.0.1:389");
    expect(page).to.contain(en("jobs.interrupted"));
    expect(page.split(en("jobs.outcomes.failure")).length - 1).to.equal(2);
    // without a directory, the sync has nothing to do: a success with nothing to report
    const res = await runNow("ldap-sync", 303, { back: "detail" });
    expect(res.headers.location).to.equal("/admin/jobs/ldap-sync");
    const after = text((await admin.get("/admin/jobs/ldap-sync").expect(200)).text);
    expect(after).to.contain(en("jobs.flash.done", { name: "ldap-sync", duration: "0\u00a0ms", counts: en("jobs.no_counts") }));
    expect((await runs("ldap-sync")).at(-1)).to.deep.include({ trigger: "manual", actorId: root.id, outcome: "success" });
    // a "back" that is neither page is refused, and nothing runs
    await runNow("ldap-sync", 422, { back: "https://evil.example" });
    expect(await runs("ldap-sync")).to.have.length(4);
  });
});
