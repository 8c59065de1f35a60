import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

/** Project root (works from src/ under tsx and from dist/src/ once built). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
})();

const locale = z.enum(["en", "fr"]);

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  /** App processes sharing the port (node:cluster); 0 = one per CPU core. */
  workers: z.coerce.number().int().min(0).max(64),
  host: z.string().min(1),
  baseUrl: z.url(),
  dataDir: z.string().min(1),
  databaseUrl: z.string().refine((v) => v === "" || /^postgres(ql)?:\/\//.test(v), "must start with postgres:// (or be empty for SQLite)"),
  sessionSecret: z.string().refine((v) => v === "" || v.length >= 32, "must be at least 32 characters"),
  session: z.object({
    idleMinutes: z.coerce.number().int().min(1),
    absoluteHours: z.coerce.number().int().min(1),
  }),
  trustProxy: z.string(),
  uploads: z.object({
    maxFiles: z.coerce.number().int().min(0).max(50),
    maxFileSizeMb: z.coerce.number().positive().max(1024),
    allowedTypes: z.array(z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, "must be a MIME type")),
  }),
  loginThrottle: z.object({
    windowMinutes: z.coerce.number().int().min(1),
    maxPerIp: z.coerce.number().int().min(1),
    maxPerAccount: z.coerce.number().int().min(1),
  }),
  defaultLocale: locale,
  defaultTimezone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Paris"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
});

export type Config = z.infer<typeof schema> & { sqlitePath: string; uploadDir: string };

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Every setting that an environment variable can override: variable -> path in the config. */
export const ENV_SETTINGS: Record<string, string> = {
  PORT: "port",
  WORKERS: "workers",
  HOST: "host",
  BASE_URL: "baseUrl",
  DATA_DIR: "dataDir",
  DATABASE_URL: "databaseUrl",
  SESSION_SECRET: "sessionSecret",
  SESSION_IDLE_MINUTES: "session.idleMinutes",
  SESSION_ABSOLUTE_HOURS: "session.absoluteHours",
  TRUST_PROXY: "trustProxy",
  UPLOAD_MAX_FILES: "uploads.maxFiles",
  UPLOAD_MAX_FILE_MB: "uploads.maxFileSizeMb",
  UPLOAD_ALLOWED_TYPES: "uploads.allowedTypes",
  LOGIN_WINDOW_MINUTES: "loginThrottle.windowMinutes",
  LOGIN_MAX_PER_IP: "loginThrottle.maxPerIp",
  LOGIN_MAX_PER_ACCOUNT: "loginThrottle.maxPerAccount",
  DEFAULT_LOCALE: "defaultLocale",
  DEFAULT_TIMEZONE: "defaultTimezone",
  LOG_LEVEL: "logLevel",
};

export class ConfigError extends Error {}

type Json = Record<string, unknown>;

function readJson(file: string): Json {
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Json;
  } catch (err) {
    throw new ConfigError(`Configuration file ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function merge(into: Json, from: Json): Json {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (v && typeof v === "object" && !Array.isArray(v) && cur && typeof cur === "object" && !Array.isArray(cur)) {
      merge(cur as Json, v as Json);
    } else into[k] = v;
  }
  return into;
}

function setPath(obj: Json, dotted: string, value: unknown): void {
  const keys = dotted.split(".");
  let cur = obj;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Json;
  cur[keys[keys.length - 1]] = value;
}

/**
 * config/default.json, then config/<NODE_ENV>.json, then config/local.json, then the
 * environment. Validated once; a bad setting stops the start with its name.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dir = path.join(ROOT, "config");
  const raw = readJson(path.join(dir, "default.json"));
  if (env.NODE_ENV) merge(raw, readJson(path.join(dir, `${env.NODE_ENV}.json`)));
  merge(raw, readJson(path.join(dir, "local.json")));
  for (const [name, target] of Object.entries(ENV_SETTINGS)) {
    const v = env[name];
    if (v === undefined) continue;
    setPath(raw, target, target === "uploads.allowedTypes" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const p = i.path.join(".");
      const envName = Object.keys(ENV_SETTINGS).find((k) => ENV_SETTINGS[k] === p);
      return `  - ${p}${envName ? ` (${envName})` : ""}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const cfg = parsed.data;
  const dataDir = path.resolve(ROOT, cfg.dataDir);
  return { ...cfg, dataDir, sqlitePath: path.join(dataDir, "niveau.sqlite"), uploadDir: path.join(dataDir, "uploads") };
}

/**
 * An install without SESSION_SECRET gets a random one kept in the data folder, so
 * sessions survive restarts and several processes on one data folder agree.
 */
export function resolveSessionSecret(cfg: Config): string {
  if (cfg.sessionSecret) return cfg.sessionSecret;
  const file = path.join(cfg.dataDir, "session-secret");
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return fs.readFileSync(file, "utf8").trim();
}
