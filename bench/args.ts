/** Command-line options of `npm run bench`. */
export interface BenchOptions {
  tickets: number;
  employees: number;
  duration: number;
  warmup: number;
  connections: number;
  keep: boolean;
  /** Scenario names to run (all when empty). */
  only: string[];
  /** Run the server with --cpu-prof and summarise the profile. */
  profile: boolean;
  /** EXPLAIN the desk's queries against the seeded database before the load. */
  explain: boolean;
  /** Run ANALYZE after seeding (PostgreSQL always does; SQLite only on request, as a fresh install has no statistics). */
  analyze: boolean;
  seed: number;
  /** Tickets of the jobs' and the dashboard's data set (0: skip them). */
  jobTickets: number;
}

const USAGE = `usage: npm run bench -- [--tickets N] [--employees N] [--duration S] [--warmup S] [--connections C]
                        [--only queue,ticket,create,...,jobs,dashboard] [--job-tickets N] [--profile] [--explain] [--analyze] [--keep] [--seed N]
  The desk's scenarios run on a data set of --tickets (100,000); the jobs (the KPI facts' backfill and
  incremental run, the watch jobs) and the dashboard's scenarios on a second one of --job-tickets
  (1,000,000). --only names scenarios, "jobs", or "dashboard" (all of the dashboard's, or one of
  dashboard-n1, dashboard-api, dashboard-csv): only the data sets those need are seeded.
  SQLite in a temporary data folder by default; PostgreSQL when DATABASE_URL is set
  (fresh databases niveau_bench and niveau_bench_jobs are created on that server, and dropped afterwards unless --keep).`;

function positive(name: string, v: string | undefined, integer = true): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} needs a positive ${integer ? "integer" : "number"}\n${USAGE}`);
  }
  return n;
}

export function parseArgs(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    tickets: 100_000, employees: 20_000, duration: 10, warmup: 2.5, connections: 10,
    keep: false, only: [], profile: false, explain: false, analyze: false, seed: 20261123, jobTickets: 1_000_000,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2) as [string, string | undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case "--tickets": o.tickets = positive("tickets", value()); break;
      case "--employees": o.employees = positive("employees", value()); break;
      case "--duration": o.duration = positive("duration", value(), false); break;
      case "--warmup": o.warmup = positive("warmup", value(), false); break;
      case "--connections": o.connections = positive("connections", value()); break;
      case "--seed": o.seed = positive("seed", value()); break;
      case "--job-tickets": { const v = value(); o.jobTickets = v === "0" ? 0 : positive("job-tickets", v); break; }
      case "--only": o.only = (value() ?? "").split(",").map((s) => s.trim()).filter(Boolean); break;
      case "--keep": o.keep = true; break;
      case "--profile": o.profile = true; break;
      case "--explain": o.explain = true; break;
      case "--analyze": o.analyze = true; break;
      case "-h": case "--help": console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return o;
}
