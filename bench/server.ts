import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ROOT } from "../src/platform/config";

export interface ServerHandle {
  baseUrl: string;
  pid: number;
  /** "dist" (compiled) or "tsx" (from the sources). */
  mode: "dist" | "tsx";
  logFile: string;
  /** SIGTERM (a clean exit writes the CPU profile), SIGKILL after a grace period. Idempotent. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  dataDir: string;
  databaseUrl: string;
  /** When set, the server runs with --cpu-prof and writes its profile there on exit. */
  profileDir?: string;
  /** More environment for the server (its configuration). */
  env?: Record<string, string>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** The compiled server when dist/ exists and is newer than every source file, else the sources through tsx. */
function serverCommand(): { mode: "dist" | "tsx"; args: string[] } {
  const main = path.join(ROOT, "dist", "src", "main.js");
  if (fs.existsSync(main)) {
    const built = fs.statSync(main).mtimeMs;
    const sources = Math.max(newestMtime(path.join(ROOT, "src")), newestMtime(path.join(ROOT, "migrations")));
    if (built >= sources) return { mode: "dist", args: [main] };
  }
  // `node --import tsx` is what `npx tsx` runs, minus the wrapper process: one pid to stop, and node flags apply
  return { mode: "tsx", args: ["--import", "tsx", path.join(ROOT, "src", "main.ts")] };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

/** Start the real server on 127.0.0.1 and wait until /healthz answers. */
export async function startServer(o: ServerOptions): Promise<ServerHandle> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { mode, args } = serverCommand();
  const logFile = path.join(o.dataDir, "server.log");
  const out = fs.openSync(logFile, "a");
  const nodeFlags = o.profileDir ? ["--cpu-prof", "--cpu-prof-dir", o.profileDir] : [];
  const child = spawn(process.execPath, [...nodeFlags, ...args], {
    cwd: ROOT,
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "bench", HOST: "127.0.0.1", PORT: String(port), BASE_URL: baseUrl,
      DATA_DIR: o.dataDir, DATABASE_URL: o.databaseUrl, LOG_LEVEL: "warn",
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
      ...o.env,
    },
  });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start the server process");
  let stopping: Promise<void> | undefined;
  const handle: ServerHandle = {
    baseUrl, pid, mode, logFile,
    stop: () => (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited(child);
      clearTimeout(timer);
    })()),
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return handle;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await handle.stop();
  throw new Error(`the server did not answer /healthz within 120 s:\n${tail(logFile)}`);
}

export { tail as serverLogTail };
