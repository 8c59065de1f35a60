#!/usr/bin/env node
// Runs the whole mocha suite twice: on SQLite, then on PostgreSQL (the same tests, as the
// architecture requires), and ends with one total line that CI and people can read:
//   "12 passed, 0 failed, 1 skipped"
// Usage: node scripts/run-tests.mjs [--sqlite-only | --pg-only] [mocha args or spec files]
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mocha = path.join(root, "node_modules", "mocha", "bin", "mocha.js");
const DEFAULT_SPECS = ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/http/**/*.test.ts", "test/browser/**/*.test.ts"];
// mocha options that take a value, so "--grep foo" does not make "foo" a spec file
const VALUE_OPTIONS = new Set(["--grep", "-g", "--fgrep", "-f", "--timeout", "-t", "--slow", "-s", "--reporter", "-R",
  "--reporter-option", "--reporter-options", "-O", "--require", "-r", "--retries", "--jobs", "-j", "--ignore", "--exclude",
  "--extension", "--config", "--package", "--ui", "-u", "--file", "--spec"]);
const CI = process.env.CI === "true";
const pgUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

const args = process.argv.slice(2);
const sqliteOnly = args.includes("--sqlite-only");
const pgOnly = args.includes("--pg-only");
const { options, specs } = splitArgs(args.filter((a) => a !== "--sqlite-only" && a !== "--pg-only"));
const mochaArgs = [...options, ...(process.stdout.isTTY ? ["--color"] : []), ...(specs.length ? specs : DEFAULT_SPECS)];

function splitArgs(list) {
  const out = { options: [], specs: [] };
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (!a.startsWith("-")) out.specs.push(a);
    else {
      out.options.push(a);
      if (!a.includes("=") && VALUE_OPTIONS.has(a) && i + 1 < list.length) out.options.push(list[++i]);
    }
  }
  return out;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let anyFailure = false;

function banner(text) {
  console.log(`\n=== ${text} ${"=".repeat(Math.max(3, 70 - text.length))}`);
}

/** Runs mocha once, streaming its output and reading its "N passing / failing / pending" epilogue. */
function runMocha(label, env, extra = []) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mocha, ...extra, ...mochaArgs], { cwd: root, env, stdio: ["inherit", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (chunk) => {
      if (!extra.includes("--dry-run")) process.stdout.write(chunk);
      text += chunk.toString();
    });
    child.on("close", (code, signal) => {
      // eslint-disable-next-line no-control-regex
      const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
      const count = (word) => {
        const m = new RegExp(`^\\s*(\\d+) ${word}\\b`, "m").exec(plain);
        return m ? Number(m[1]) : 0;
      };
      const found = /^\s*\d+ (passing|failing|pending)\b/m.test(plain);
      resolve({ label, code: code ?? 1, signal, found, passed: count("passing"), failed: count("failing"), skipped: count("pending") });
    });
  });
}

function record(r) {
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  if (r.code !== 0 || r.failed > 0) anyFailure = true;
  if (!r.found && r.code !== 0) {
    // mocha died before its summary (a syntax error in a test, a crash): count the run as one failure
    totals.failed += 1;
    console.error(`\n${r.label}: mocha exited with ${r.signal ?? `code ${r.code}`} before reporting results.`);
  }
}

/** Reachable, and the test database exists (created on first use so a fresh server just works). */
async function checkPostgres(url) {
  const tryConnect = async (u) => {
    const client = new pg.Client({ connectionString: u, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
    } finally {
      await client.end().catch(() => {});
    }
  };
  try {
    await tryConnect(url);
    return null;
  } catch (err) {
    if (err.code !== "3D000") return err.message || String(err);
  }
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`);
    console.log(`Created the test database "${dbName}".`);
    return null;
  } catch (err) {
    return `database "${dbName}" does not exist and could not be created: ${err.message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The tests drop every table of the database they get: never hand them a real install's. */
function baseEnv() {
  const env = { ...process.env, NODE_ENV: "test" };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  return env;
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

const vendor = spawnSync(process.execPath, [path.join(root, "scripts", "copy-vendor.mjs")], { cwd: root, stdio: "inherit" });
if (vendor.status !== 0) process.exit(vendor.status ?? 1);

if (!pgOnly) {
  banner("SQLite");
  record(await runMocha("SQLite", { ...baseEnv(), TEST_DB: "sqlite" }));
}

if (!sqliteOnly) {
  banner(`PostgreSQL (${redact(pgUrl)})`);
  const why = await checkPostgres(pgUrl);
  if (!why) {
    record(await runMocha("PostgreSQL", { ...baseEnv(), TEST_DB: "postgres", DATABASE_URL: pgUrl }));
  } else if (CI) {
    console.error(`PostgreSQL is not reachable at ${redact(pgUrl)}: ${why}\nCI=true: a missing PostgreSQL is a failure.`);
    totals.failed += 1;
    anyFailure = true;
  } else {
    // the tests that would have run there are reported as skipped, not silently dropped
    const dry = await runMocha("PostgreSQL (dry run)", { ...baseEnv(), TEST_DB: "postgres" }, ["--dry-run", "--reporter", "dot"]);
    totals.skipped += dry.passed + dry.skipped;
    console.log(`Skipped the PostgreSQL run (${dry.passed + dry.skipped} tests): no server at ${redact(pgUrl)} (${why}).`);
    console.log("Start PostgreSQL or set TEST_DATABASE_URL to run them; with CI=true this is a failure.");
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(anyFailure ? 1 : 0);
