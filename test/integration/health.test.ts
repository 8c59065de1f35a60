import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { expect } from "chai";
import request from "supertest";
import { loadConfig } from "../../src/platform/config";
import { connect } from "../../src/platform/db/connect";
import { createLogger } from "../../src/platform/logger";
import { ManualClock } from "../../src/platform/clock";
import { EventBus } from "../../src/platform/events/bus";
import { createApp } from "../../src/app";

describe("integration: health check", () => {
  it("answers 503 when the database is gone", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "niveau-health-"));
    const config = { ...loadConfig({ ...process.env, DATABASE_URL: "" }), dataDir: dir, sqlitePath: path.join(dir, "h.sqlite"), uploadDir: path.join(dir, "up") };
    const db = await connect(config, { migrate: true });
    const { app } = await createApp({ db, config, clock: new ManualClock(), logger: createLogger("silent"), bus: new EventBus() });
    await request(app).get("/healthz").expect(200);
    await db.destroy();
    const res = await request(app).get("/healthz").expect(503);
    expect(res.body.status).to.equal("unavailable");
  });
});
