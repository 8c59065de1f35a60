import "reflect-metadata";
import http from "node:http";
import { ConfigError, loadConfig } from "./platform/config";
import { connect } from "./platform/db/connect";
import { createLogger } from "./platform/logger";
import { systemClock } from "./platform/clock";
import { EventBus } from "./platform/events/bus";
import { createApp } from "./app";

/** boot: config -> DataSource -> migrations -> HTTP. */
async function main(): Promise<void> {
  let cfg;
  try {
    cfg = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(cfg.logLevel);
  const db = await connect(cfg, { migrate: true });
  const deps = { db, config: cfg, clock: systemClock, logger, bus: new EventBus() };
  const { app, sessionStore } = await createApp(deps);
  await sessionStore.prune();
  const pruneTimer = setInterval(() => sessionStore.prune().catch((err) => logger.warn({ err }, "session prune failed")), 3600_000);
  pruneTimer.unref();
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  server.listen(cfg.port, cfg.host, () => {
    const where = `http://${cfg.host === "0.0.0.0" ? "localhost" : cfg.host}:${cfg.port}`;
    logger.info({ port: cfg.port, database: cfg.databaseUrl ? "postgres" : "sqlite" }, `Niveau listening on ${where}`);
    if (cfg.logLevel === "silent" || process.stdout.isTTY) console.log(`Niveau is running on ${where} (${cfg.baseUrl})`);
  });
  const stop = () => {
    logger.info("shutting down");
    server.close(() => db.destroy().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
