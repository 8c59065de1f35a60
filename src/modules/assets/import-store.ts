import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "../../platform/config";
import { AppError } from "../../platform/http/errors";

/**
 * The uploaded spreadsheet between its preview and its import (and the import's report
 * after it), kept as a file under the data folder: several app processes share it, the
 * session stays small, and the admin does not upload the file twice. Named by the admin's
 * id and a random token (another admin's token finds nothing); an hour old, it is gone.
 */
export const IMPORT_TTL_MS = 3600_000;
const TOKEN = /^[a-f0-9]{48}$/;

type Kind = "csv" | "report";

const dir = (cfg: Config) => path.join(cfg.uploadDir, "asset-imports");
const file = (cfg: Config, actorId: number, token: string, kind: Kind) => path.join(dir(cfg), `${actorId}-${token}.${kind === "csv" ? "csv" : "json"}`);

export const importExpired = () => new AppError(404, "import_expired", "assetImport.errors.expired");

/**
 * Housekeeping: files left over an hour by the wall clock (an abandoned preview, a report
 * nobody reread). Their age as the app sees it is checked on reading, with its own clock.
 */
async function sweep(cfg: Config): Promise<void> {
  const names = await fs.readdir(dir(cfg)).catch(() => [] as string[]);
  await Promise.all(names.map(async (n) => {
    const p = path.join(dir(cfg), n);
    const st = await fs.stat(p).catch(() => null);
    if (st && Date.now() - st.mtimeMs > IMPORT_TTL_MS) await fs.rm(p, { force: true });
  }));
}

const write = (cfg: Config, actorId: number, token: string, kind: Kind, body: unknown, now: Date) =>
  fs.writeFile(file(cfg, actorId, token, kind), JSON.stringify({ at: now.getTime(), body }), { encoding: "utf8", mode: 0o600 });

/** Keep a file's text for the import to come; returns its token. */
export async function keepImport(cfg: Config, actorId: number, text: string, now: Date): Promise<string> {
  await fs.mkdir(dir(cfg), { recursive: true });
  await sweep(cfg);
  const token = crypto.randomBytes(24).toString("hex");
  await write(cfg, actorId, token, "csv", text, now);
  return token;
}

async function read(cfg: Config, actorId: number, token: string, kind: Kind, now: Date): Promise<unknown> {
  if (!TOKEN.test(token)) throw importExpired();
  const p = file(cfg, actorId, token, kind);
  const raw = await fs.readFile(p, "utf8").catch(() => null);
  if (raw === null) throw importExpired();
  const kept = JSON.parse(raw) as { at: number; body: unknown };
  if (now.getTime() - kept.at > IMPORT_TTL_MS) {
    await fs.rm(p, { force: true });
    throw importExpired();
  }
  return kept.body;
}


/**
 * Take the kept text for one import: the file is renamed first (atomic), so a second
 * "Import" of the same preview (a double click, two tabs) finds nothing to import instead
 * of importing again. `release` puts it back when the import did not happen.
 */
export async function claimImport(cfg: Config, actorId: number, token: string, now: Date): Promise<{ text: string; release(): Promise<void> }> {
  if (!TOKEN.test(token)) throw importExpired();
  const p = file(cfg, actorId, token, "csv");
  const claimed = `${p}.claimed`;
  if (!(await fs.rename(p, claimed).then(() => true, () => false))) throw importExpired();
  const kept = JSON.parse(await fs.readFile(claimed, "utf8")) as { at: number; body: unknown };
  if (now.getTime() - kept.at > IMPORT_TTL_MS) {
    await fs.rm(claimed, { force: true });
    throw importExpired();
  }
  return { text: String(kept.body), release: () => fs.rename(claimed, p).catch(() => undefined) };
}

/**
 * Whether this preview was imported: its report exists, or appears while the first click's
 * import is still running (the file claimed). A few seconds at most: a 20,000-line import
 * takes about one.
 */
export async function importReported(cfg: Config, actorId: number, token: string, now: Date): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const has = () => read(cfg, actorId, token, "report", now).then(() => true, () => false);
  const claimed = `${file(cfg, actorId, token, "csv")}.claimed`;
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (await has()) return true;
    if (!(await fs.stat(claimed).then(() => true, () => false))) return has();
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Once imported, the file goes; its report stays (for the same hour) so the report page can be reloaded. */
export async function finishImport(cfg: Config, actorId: number, token: string, report: unknown, now: Date): Promise<void> {
  await write(cfg, actorId, token, "report", report, now);
  await fs.rm(`${file(cfg, actorId, token, "csv")}.claimed`, { force: true });
}

export const readReport = <T>(cfg: Config, actorId: number, token: string, now: Date) => read(cfg, actorId, token, "report", now) as Promise<T>;
