import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import type { Config } from "../config";

/** A backup that could not be made; the message says what to do about it. */
export class BackupError extends Error {}

export interface BackupResult {
  kind: "sqlite" | "postgres";
  file: string;
  bytes: number;
}

/**
 * A consistent copy of the live database, taken while the app keeps running. The copy is
 * written next to its final name and renamed at the end, so a crash or a full disk never
 * leaves a half-written file that looks like a good backup.
 */
export async function backupDatabase(cfg: Pick<Config, "databaseUrl" | "sqlitePath">, out: string): Promise<BackupResult> {
  const file = path.resolve(out);
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose another --out file (a backup never overwrites one).`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    if (cfg.databaseUrl) await pgDump(cfg.databaseUrl, partial);
    else await sqliteBackup(cfg.sqlitePath, partial);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { kind: cfg.databaseUrl ? "postgres" : "sqlite", file, bytes: fs.statSync(file).size };
}

/**
 * SQLite's online backup API copies page by page and restarts if a writer changes a page
 * meanwhile, so the result is a consistent snapshot even in WAL mode (a plain file copy
 * of niveau.sqlite would miss what is still in the -wal file).
 */
async function sqliteBackup(sqlitePath: string, dest: string): Promise<void> {
  if (!fs.existsSync(sqlitePath)) throw new BackupError(`No SQLite database at ${sqlitePath} (check DATA_DIR).`);
  const db = new Database(sqlitePath, { fileMustExist: true, timeout: 5000 });
  try {
    await db.backup(dest);
  } finally {
    db.close();
  }
  // the copy inherits WAL mode; a backup is a single self-contained file, so turn it back
  const copy = new Database(dest);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
}

/**
 * pg_dump's custom format is compressed and restorable table by table with pg_restore.
 * The password is moved out of the URL into PGPASSWORD so it does not show in `ps`.
 */
function pgDump(databaseUrl: string, dest: string): Promise<void> {
  const url = new URL(databaseUrl);
  const env = { ...process.env };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = "";
  }
  return new Promise((resolve, reject) => {
    const child = spawn("pg_dump", ["--format=custom", `--file=${dest}`, `--dbname=${url.toString()}`], {
      env, stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (err: NodeJS.ErrnoException) => {
      reject(err.code === "ENOENT"
        ? new BackupError("pg_dump was not found. Install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client), of the server's major version or newer.")
        : new BackupError(`pg_dump could not start: ${err.message}`));
    });
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`pg_dump failed (exit ${code}): ${stderr.trim() || "no message"}`));
    });
  });
}
