import "reflect-metadata";
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import { ConfigError, loadConfig, type Config } from "./platform/config";
import { connect } from "./platform/db/connect";
import { createLogger, type Logger } from "./platform/logger";
import { systemClock } from "./platform/clock";
import { EventBus } from "./platform/events/bus";
import { createApp } from "./app";
import { Scheduler } from "./platform/jobs";
import { jobDefinitions } from "./jobs";

function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

const HOUSEKEEPER = "NIVEAU_HOUSEKEEPER";
/** The only process, or the worker the primary chose to prune sessions and run the jobs. */
const isHousekeeper = () => !cluster.isWorker || process.env[HOUSEKEEPER] === "1";

/**
 * Several processes on one port: the primary migrates once, then forks the workers and
 * replaces any that dies. Each worker is a whole app with its own connection.
 */
async function primary(cfg: Config, logger: Logger, count: number): Promise<void> {
  const db = await connect(cfg, { migrate: true });
  await db.destroy();
  let stopping = false;
  // one worker is the housekeeper (session pruning, scheduled jobs); its replacement inherits the role
  let housekeeper = cluster.fork({ [HOUSEKEEPER]: "1" });
  for (let i = 1; i < count; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    logger.warn({ pid: worker.process.pid, code, signal }, "worker exited; starting another");
    if (worker === housekeeper) housekeeper = cluster.fork({ [HOUSEKEEPER]: "1" });
    else cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 10_000).unref();
    cluster.on("exit", () => {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  logger.info({ workers: count }, "started the workers");
}

/** One app process: DataSource -> migrations -> HTTP (-> scheduler, in one process). */
async function serve(cfg: Config, logger: Logger, migrate: boolean): Promise<void> {
  const db = await connect(cfg, { migrate });
  const deps = { db, config: cfg, clock: systemClock, logger, bus: new EventBus() };
  const { app, sessionStore } = await createApp(deps);
  // one process prunes expired sessions and runs the scheduled jobs (the housekeeper
  // worker, or the only process); with several servers, the job lock picks one process per tick
  let scheduler: Scheduler | undefined;
  if (isHousekeeper()) {
    // once at start; then hourly as the "session-prune" job (recorded, and on the Scheduled jobs page)
    await sessionStore.prune();
    scheduler = new Scheduler(deps, jobDefinitions());
    scheduler.start();
  }
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  server.listen(cfg.port, cfg.host, () => {
    if (!isHousekeeper()) return;
    const where = `http://${cfg.host === "0.0.0.0" ? "localhost" : cfg.host}:${cfg.port}`;
    logger.info({ port: cfg.port, database: cfg.databaseUrl ? "postgres" : "sqlite" }, `Niveau listening on ${where}`);
    if (cfg.logLevel === "silent" || process.stdout.isTTY) console.log(`Niveau is running on ${where} (${cfg.baseUrl})`);
  });
  const stop = () => {
    logger.info("shutting down");
    // no new ticks; a job still running gets until the 10 s below to finish (else its lock expires)
    const jobsDone = scheduler?.stop() ?? Promise.resolve();
    server.close(() => jobsDone.finally(() => db.destroy().finally(() => process.exit(0))));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

async function main(): Promise<void> {
  const cfg = config();
  const logger = createLogger(cfg.logLevel);
  const count = cfg.workers === 0 ? os.availableParallelism() : cfg.workers;
  if (count > 1 && cluster.isPrimary) return primary(cfg, logger, count);
  await serve(cfg, logger, !cluster.isWorker);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
