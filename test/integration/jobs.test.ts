import { expect } from "chai";
import pino from "pino";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeUser } from "../factories";
import { ConfigError, loadConfig, type Config } from "../../src/platform/config";
import type { Deps } from "../../src/platform/deps";
import {
  acquireLock, JobLockRow, JobRunRow, lastRun, lastRuns, LOCK_LEASE_MS, nextRun, releaseLock, renewLock, REPORT_MAX_BYTES, runJob,
  Scheduler, type JobContext, type JobDefinition, type JobResult,
} from "../../src/platform/jobs";
import { jobDefinitions } from "../../src/jobs";
import { refusal } from "../helpers/refusal";

const MINUTE = 60_000;

/** A job whose run() is given by the test. */
const job = (name: string, run: (ctx: JobContext) => Promise<JobResult>, defaultSchedule = "0 2 * * *"): JobDefinition => ({ name, defaultSchedule, run });

/** A promise the test resolves by hand, to hold a job in the middle of its run. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}


async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("integration: jobs (runs, locks, scheduler)", () => {
  let ctx: TestContext;
  const runs = (name: string) => ctx.deps.db.getRepository(JobRunRow).find({ where: { name }, order: { id: "ASC" } });

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
  });

  it("records a successful run with its trigger, actor, counts and report, and frees the lock", async () => {
    const admin = await makeUser(ctx.deps, { role: "admin" });
    let seen: Omit<JobContext, "deps" | "logger"> | undefined;
    const def = job("sync", async ({ deps, trigger, actorId, runId }) => {
      seen = { trigger, actorId, runId };
      ctx.clock.advance(4200);
      expect(deps.clock.now().toISOString()).to.equal("2026-11-23T09:00:04.200Z");
      return { counts: { created: 3, updated: 12 }, report: { skipped: ["bob"], nested: { ok: true } } };
    });
    const run = await runJob(ctx.deps, def, { trigger: "manual", actorId: admin.id });
    expect(run.outcome).to.equal("success");
    expect(seen).to.deep.equal({ trigger: "manual", actorId: admin.id, runId: run.id });
    expect(run).to.deep.include({ name: "sync", trigger: "manual", actorId: admin.id, error: null });
    expect(run.counts).to.deep.equal({ created: 3, updated: 12 });
    expect(run.report).to.deep.equal({ skipped: ["bob"], nested: { ok: true } });
    expect(run.startedAt.toISOString()).to.equal("2026-11-23T09:00:00.000Z");
    expect(run.finishedAt?.toISOString()).to.equal("2026-11-23T09:00:04.200Z");
    expect((await lastRun(ctx.deps.db, "sync"))?.id).to.equal(run.id);
    const lock = await ctx.deps.db.getRepository(JobLockRow).findOneByOrFail({ name: "sync" });
    expect(lock.lockedUntil).to.equal(0);
    // a run without a report stores null
    const bare = await runJob(ctx.deps, job("sync", async () => ({ counts: {} })), { trigger: "cli" });
    expect(bare).to.deep.include({ outcome: "success", trigger: "cli", actorId: null, report: null });
    expect((await lastRuns(ctx.deps.db, "sync", 10)).map((r) => r.id)).to.deep.equal([bare.id, run.id]);
    expect(await lastRun(ctx.deps.db, "never-ran")).to.equal(null);
  });

  it("records a failure with the message only, does not throw, and frees the lock for the next run", async () => {
    const failing = job("import", async () => {
      throw new Error("directory unreachable: connect ECONNREFUSED 127.0.0.1:389");
    });
    const run = await runJob(ctx.deps, failing, { trigger: "cli" });
    expect(run.outcome).to.equal("failure");
    expect(run.error).to.equal("directory unreachable: connect ECONNREFUSED 127.0.0.1:389");
    expect(run.counts).to.deep.equal({});
    expect(run.finishedAt).to.be.instanceOf(Date);
    const next = await runJob(ctx.deps, job("import", async () => ({ counts: { imported: 1 } })), { trigger: "cli" });
    expect(next.outcome).to.equal("success");
    expect((await runs("import")).map((r) => r.outcome)).to.deep.equal(["failure", "success"]);
  });

  it("records a result that cannot be stored as a failure, and caps an oversized report", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad = await runJob(ctx.deps, job("odd", async () => ({ counts: { n: 1 }, report: cyclic })), { trigger: "cli" });
    expect(bad.outcome).to.equal("failure");
    expect(bad.error).to.match(/circular/i);
    const notCount = await runJob(ctx.deps, job("odd", async () => ({ counts: { n: "many" as unknown as number } })), { trigger: "cli" });
    expect(notCount).to.deep.include({ outcome: "failure" });
    const big = await runJob(ctx.deps, job("odd", async () => ({ counts: {}, report: { lines: "x".repeat(REPORT_MAX_BYTES + 1) } })), { trigger: "cli" });
    expect(big.outcome).to.equal("success");
    expect(big.report).to.deep.include({ truncated: true, maxBytes: REPORT_MAX_BYTES });
  });

  it("refuses a second run of a job while one holds its lock (409 job.running), and runs other jobs meanwhile", async () => {
    const hold = gate();
    let started!: () => void;
    const inside = new Promise<void>((r) => (started = r));
    const slow = job("nightly", async () => {
      started();
      await hold.promise;
      return { counts: { done: 1 } };
    });
    const first = runJob(ctx.deps, slow, { trigger: "schedule" });
    await inside;
    const err = await refusal(runJob(ctx.deps, slow, { trigger: "manual" }));
    expect(err).to.deep.include({ status: 409, code: "job.running", messageKey: "jobs.running" });
    expect(err.params).to.deep.equal({ name: "nightly" });
    expect((await runJob(ctx.deps, job("other", async () => ({ counts: {} })), { trigger: "cli" })).outcome).to.equal("success");
    expect((await lastRun(ctx.deps.db, "nightly"))?.outcome).to.equal("running");
    hold.open();
    expect((await first).outcome).to.equal("success");
    expect((await runJob(ctx.deps, slow, { trigger: "manual" })).outcome).to.equal("success");
    expect(await runs("nightly")).to.have.length(2);
  });

  it("lets exactly one of several racing processes take a lock", async () => {
    const now = ctx.clock.now();
    const taken = await Promise.all(["a", "b", "c", "d", "e"].map((owner) => acquireLock(ctx.deps.db, "race", owner, now)));
    expect(taken.filter(Boolean)).to.have.length(1);
  });

  it("takes over a lock whose lease ran out (its process died), and marks that process's run as interrupted", async () => {
    const dead = job("cleanup", async () => ({ counts: { removed: 2 } }));
    // a process took the lock and recorded its run, then died without finishing
    expect(await acquireLock(ctx.deps.db, "cleanup", "host:999:dead", ctx.clock.now())).to.equal(true);
    await ctx.deps.db.getRepository(JobRunRow).save(ctx.deps.db.getRepository(JobRunRow).create({
      name: "cleanup", trigger: "schedule", actorId: null, startedAt: ctx.clock.now(), finishedAt: null, outcome: "running", counts: {}, report: null, error: null,
    }));
    ctx.clock.advance(LOCK_LEASE_MS - MINUTE);
    expect((await refusal(runJob(ctx.deps, dead, { trigger: "cli" }))).code).to.equal("job.running");
    ctx.clock.advance(2 * MINUTE);
    const run = await runJob(ctx.deps, dead, { trigger: "cli" });
    expect(run.outcome).to.equal("success");
    const [interrupted] = await runs("cleanup");
    expect(interrupted).to.deep.include({ outcome: "failure", finishedAt: null });
    expect(interrupted.error).to.match(/^Interrupted/);
  });

  it("lets only its owner renew or release a lock", async () => {
    const db = ctx.deps.db;
    const now = ctx.clock.now();
    expect(await acquireLock(db, "lease", "owner-a", now)).to.equal(true);
    expect(await releaseLock(db, "lease", "owner-b")).to.equal(false);
    expect(await renewLock(db, "lease", "owner-b", now)).to.equal(false);
    expect(await acquireLock(db, "lease", "owner-b", now)).to.equal(false);
    // the owner's heartbeat pushes the end of the lease
    ctx.clock.advance(LOCK_LEASE_MS - MINUTE);
    expect(await renewLock(db, "lease", "owner-a", ctx.clock.now())).to.equal(true);
    ctx.clock.advance(2 * MINUTE);
    expect(await acquireLock(db, "lease", "owner-b", ctx.clock.now())).to.equal(false);
    expect(await releaseLock(db, "lease", "owner-a")).to.equal(true);
    // released: a late heartbeat does not take it back, and anyone may take it now
    expect(await renewLock(db, "lease", "owner-a", ctx.clock.now())).to.equal(false);
    expect(await acquireLock(db, "lease", "owner-b", ctx.clock.now())).to.equal(true);
    // the previous owner can no longer release it
    expect(await releaseLock(db, "lease", "owner-a")).to.equal(false);
    expect(await acquireLock(db, "lease", "owner-c", ctx.clock.now())).to.equal(false);
  });

  describe("Scheduler", () => {
    const withJobs = (jobs: Config["jobs"], deps: Partial<Deps> = {}): Deps => ({ ...ctx.deps, ...deps, config: { ...ctx.config, jobs } });
    let scheduler: Scheduler | undefined;
    afterEach(async () => {
      await scheduler?.stop();
      scheduler = undefined;
    });

    it("schedules nothing when jobs are disabled", () => {
      scheduler = new Scheduler(withJobs({ enabled: false, schedules: {} }), [job("a", async () => ({ counts: {} }))]);
      scheduler.start();
      expect(scheduler.scheduled()).to.deep.equal([]);
    });

    it("uses the schedule from the configuration, else the job's default", () => {
      const defs = [job("a", async () => ({ counts: {} }), "0 2 * * *"), job("b", async () => ({ counts: {} }), "0 3 * * *")];
      scheduler = new Scheduler(withJobs({ enabled: true, schedules: { b: "*/15 * * * *" } }), defs);
      scheduler.start();
      expect(scheduler.scheduled()).to.deep.equal([{ name: "a", schedule: "0 2 * * *" }, { name: "b", schedule: "*/15 * * * *" }]);
    });

    it("refuses a registry with a repeated name or an invalid default schedule", () => {
      const ok = async () => ({ counts: {} });
      expect(() => new Scheduler(ctx.deps, [job("a", ok), job("a", ok)])).to.throw(/Two jobs are named "a"/);
      expect(() => new Scheduler(ctx.deps, [job("a", ok, "every night")])).to.throw(/invalid default schedule/);
      expect(() => new Scheduler(ctx.deps, jobDefinitions())).to.not.throw();
    });

    it("runs a job on its ticks (trigger schedule), and skips a tick quietly while another process holds the lock", async () => {
      const lines: { level: number; msg: string }[] = [];
      const logger = pino({ level: "debug" }, { write: (s: string) => lines.push(JSON.parse(s)) });
      // held by "another process" until the lease ends
      expect(await acquireLock(ctx.deps.db, "tick", "elsewhere", ctx.clock.now())).to.equal(true);
      let calls = 0;
      const def = job("tick", async () => ({ counts: { calls: ++calls } }), "* * * * * *");
      scheduler = new Scheduler(withJobs({ enabled: true, schedules: {} }, { logger }), [def]);
      scheduler.start();
      await until(async () => lines.some((l) => /tick skipped/.test(l.msg)), 3000);
      expect(await runs("tick")).to.have.length(0);
      expect(lines.filter((l) => l.level >= 50)).to.deep.equal([]);
      ctx.clock.advance(LOCK_LEASE_MS + 1);
      await until(async () => (await runs("tick")).length > 0, 3000);
      await scheduler.stop();
      const [first] = await runs("tick");
      expect(first).to.deep.include({ trigger: "schedule", actorId: null, outcome: "success" });
    });
  });

  describe("configuration and schedules", () => {
    it("reads JOBS_ENABLED and JOBS_SCHEDULES", () => {
      const cfg = loadConfig({ ...process.env, JOBS_ENABLED: "false", JOBS_SCHEDULES: "ldap-sync=0 2 * * 1,3; sla-sweep = */5 * * * *" });
      expect(cfg.jobs).to.deep.equal({ enabled: false, schedules: { "ldap-sync": "0 2 * * 1,3", "sla-sweep": "*/5 * * * *" } });
      expect(loadConfig({ ...process.env, JOBS_ENABLED: undefined, JOBS_SCHEDULES: undefined }).jobs).to.deep.equal({ enabled: true, schedules: {} });
    });

    it("refuses an invalid cron expression, naming the setting", () => {
      let err: unknown;
      try {
        loadConfig({ ...process.env, JOBS_SCHEDULES: "ldap-sync=0 25 * * *" });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(ConfigError);
      expect((err as Error).message).to.contain("jobs.schedules.ldap-sync (JOBS_SCHEDULES): must be a cron expression");
      expect(() => loadConfig({ ...process.env, JOBS_SCHEDULES: "ldap-sync" })).to.throw(ConfigError, /jobs\.schedules\.ldap-sync/);
    });

    it("computes the next run of a schedule in the configured time zone", () => {
      const next = nextRun("30 2 * * *", "Europe/Paris");
      expect(next).to.be.instanceOf(Date);
      const ms = next!.getTime() - Date.now();
      expect(ms).to.be.greaterThan(0).and.at.most(25 * 3600_000);
      const local = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }).format(next!);
      expect(local).to.equal("02:30");
      expect(nextRun("not a schedule", "Europe/Paris")).to.equal(null);
    });
  });
});
