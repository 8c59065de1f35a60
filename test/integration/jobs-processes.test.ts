import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { JobRunRow } from "../../src/platform/jobs";

const FIXTURE = path.join(__dirname, "..", "fixtures", "jobs", "scheduler-process.ts");
const JOB = "two-process-tick";
/** How long both schedulers run side by side. */
const WINDOW_MS = 5000;

interface Summary {
  pid: number;
  ran: number;
  skipped: number;
}

/** A separate node process running test/fixtures/jobs/scheduler-process.ts, its stdout read as JSON lines. */
class SchedulerProcess {
  readonly proc: ChildProcess;
  readonly lines: Record<string, number>[] = [];
  stderr = "";
  readonly exited: Promise<number | null>;
  private readonly waiters: (() => void)[] = [];

  constructor() {
    this.proc = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
      cwd: path.join(__dirname, "..", ".."),
      env: { ...process.env, TEST_JOB_NAME: JOB, TEST_JOB_HOLD_MS: "300" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buf = "";
    this.proc.stdout!.on("data", (chunk: Buffer) => {
      buf += chunk.toString();
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line.startsWith("{")) this.lines.push(JSON.parse(line) as Record<string, number>);
        this.waiters.splice(0).forEach((w) => w());
      }
    });
    this.proc.stderr!.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.proc.once("exit", (code) => {
      this.waiters.splice(0).forEach((w) => w());
      resolve(code);
    }));
  }

  /** The first line with `key`, once printed (fails if the process exits or takes longer than ms). */
  async line(key: string, ms: number): Promise<Record<string, number>> {
    const end = Date.now() + ms;
    for (;;) {
      const found = this.lines.find((l) => key in l);
      if (found) return found;
      if (this.proc.exitCode !== null) throw new Error(`process exited (${this.proc.exitCode}) before printing "${key}":\n${this.stderr}`);
      if (Date.now() > end) throw new Error(`no "${key}" line within ${ms} ms:\n${this.stderr}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGKILL");
  }
}

/**
 * The job lock between processes, with real processes: two schedulers on one PostgreSQL
 * database, the same job every second. SQLite is one server's database (and one process
 * holds its write lock at a time), so this is a PostgreSQL test.
 */
describe("integration: two app processes share the job lock (PostgreSQL)", function () {
  this.timeout(25_000);
  let ctx: TestContext;
  const children: SchedulerProcess[] = [];

  before(async function () {
    ctx = await testContext();
    if (ctx.deps.db.options.type !== "postgres") {
      console.log("      skipped: needs PostgreSQL (set DATABASE_URL); several processes on one database is a PostgreSQL set-up");
      this.skip();
    }
    await resetDb(ctx);
  });
  after(() => children.forEach((c) => c.kill()));

  it("runs each tick in one process at most, never two runs at once, and both processes take part", async () => {
    const [a, b] = [new SchedulerProcess(), new SchedulerProcess()];
    children.push(a, b);
    // tsx compiles the app on start: allow for a slow machine
    const readyA = a.line("ready", 12_000).then(() => Date.now());
    const readyB = b.line("ready", 12_000).then(() => Date.now());
    const windowStart = Math.min(...(await Promise.all([readyA, readyB])));
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const windowEnd = Date.now();
    for (const c of children) c.proc.kill("SIGTERM");
    const summaries = (await Promise.all(children.map((c) => c.line("ran", 8000)))) as unknown as Summary[];
    expect(await Promise.all(children.map((c) => c.exited))).to.deep.equal([0, 0]);
    for (const c of children) expect(c.stderr, "errors or warnings logged by a process").to.equal("");

    const runs = await ctx.deps.db.getRepository(JobRunRow).find({ where: { name: JOB }, order: { startedAt: "ASC", id: "ASC" } });
    const elapsed = (windowEnd - windowStart) / 1000;
    expect(runs.length, "runs in the window").to.be.at.least(3).and.at.most(Math.floor(elapsed) + 1);
    for (const run of runs) {
      expect(run.outcome).to.equal("success");
      expect(run.finishedAt).to.be.instanceOf(Date);
      expect([a.proc.pid, b.proc.pid]).to.include(run.counts.pid);
    }
    // no two runs at the same time: each starts after the previous one finished
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i].startedAt.getTime(), `run ${runs[i].id} started before run ${runs[i - 1].id} finished`).to.be.at.least(runs[i - 1].finishedAt!.getTime());
    }
    // each tick (one a second) ran once at most
    const ticks = runs.map((r) => Math.floor(r.startedAt.getTime() / 1000));
    expect(new Set(ticks).size, `ticks ${ticks.join(", ")}`).to.equal(runs.length);

    // both processes were scheduling: every tick either ran or was skipped because the other held the lock
    expect(summaries.map((s) => s.pid).sort()).to.deep.equal([a.proc.pid, b.proc.pid].sort());
    for (const s of summaries) expect(s.ran + s.skipped, `ticks seen by process ${s.pid}`).to.be.at.least(3);
    expect(summaries.reduce((n, s) => n + s.ran, 0)).to.equal(runs.length);
    expect(summaries.reduce((n, s) => n + s.skipped, 0), "ticks refused by the lock").to.be.at.least(1);
  });
});
