import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { isValidFilter } from "./auth/ldap-filter";
import { validate as isCron } from "node-cron";

/** Project root (works from src/ under tsx and from dist/src/ once built). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
})();

const locale = z.enum(["en", "fr"]);

/** "true", "1", "yes", "on" and the JSON true; everything else is false (an env variable is a string). */
const flag = z.preprocess((v) => (typeof v === "string" ? /^(true|1|yes|on)$/i.test(v.trim()) : v), z.boolean());

/** The directory attributes read into a person's profile. */
const ldapAttributes = z.object({
  displayName: z.string(), email: z.string(), phone: z.string(), department: z.string(), location: z.string(), locale: z.string(),
});

export type LdapRule = "required" | "username_placeholder" | "dn_placeholder" | "filter_syntax";
const LDAP_RULES: Record<LdapRule, string> = {
  required: "is required when ldap.url (LDAP_URL) is set",
  username_placeholder: "must contain {{username}}",
  dn_placeholder: "must contain {{dn}}",
  filter_syntax: "is not a valid LDAP filter (RFC 4515: balanced parentheses, one filter at the top)",
};

/** Whether a filter template parses once its placeholders are filled. */
const filterParses = (template: string) => isValidFilter(template.replaceAll("{{username}}", "x").replaceAll("{{dn}}", "cn=x"));

/** The rules between directory settings, for the configuration and the admin page alike. */
export function ldapProblems(v: { url: string; bindDn: string; searchBase: string; searchFilter: string; groupSearchBase: string; groupSearchFilter: string }): [string, LdapRule][] {
  if (!v.url.trim()) return [];
  const problems: [string, LdapRule][] = [];
  if (!v.searchBase.trim()) problems.push(["searchBase", "required"]);
  if (!v.bindDn.trim()) problems.push(["bindDn", "required"]);
  if (!v.searchFilter.includes("{{username}}")) problems.push(["searchFilter", "username_placeholder"]);
  else if (!filterParses(v.searchFilter)) problems.push(["searchFilter", "filter_syntax"]);
  if (v.groupSearchBase.trim() && !v.groupSearchFilter.includes("{{dn}}")) problems.push(["groupSearchFilter", "dn_placeholder"]);
  else if (v.groupSearchBase.trim() && !filterParses(v.groupSearchFilter)) problems.push(["groupSearchFilter", "filter_syntax"]);
  return problems;
}

const ldap = z.object({
  /** One or more server URLs, space-separated, tried in order (ldap:// or ldaps://); empty = no directory. */
  url: z.string().refine((v) => v.trim().split(/\s+/).filter(Boolean).every((u) => /^ldaps?:\/\/[^\s/]+\/?$/i.test(u)), "must be ldap://host[:port] or ldaps://host[:port], space-separated"),
  bindDn: z.string(),
  bindPassword: z.string(),
  bindPasswordFile: z.string(),
  searchBase: z.string(),
  searchFilter: z.string(),
  usernameAttribute: z.string().regex(/^[A-Za-z][\w-]*$/, "must be an attribute name such as uid or sAMAccountName"),
  groupSearchBase: z.string(),
  groupSearchFilter: z.string(),
  nestedGroups: z.enum(["off", "in-chain", "expand"]),
  tlsCaFile: z.string(),
  startTls: flag,
  timeoutSeconds: z.coerce.number().int().min(1).max(120),
  unmappedRole: z.enum(["none", "requester"]),
  attributes: ldapAttributes,
}).superRefine((v, ctx) => {
  for (const [path, rule] of ldapProblems(v)) ctx.addIssue({ code: "custom", path: [path], message: LDAP_RULES[rule] });
});

/** Scheduled jobs: a master switch, and cron expressions (read in defaultTimezone) replacing jobs' defaults. */
const jobs = z.object({
  enabled: flag,
  schedules: z.record(z.string().min(1), z.string().refine((v) => isCron(v), 'must be a cron expression such as "0 2 * * *" (minute hour day month weekday)')),
});

/** "1,3,10" (an env variable) or [1, 3, 10] (JSON): whole numbers, one per tier or step. */
const numberList = (min: number, max: number) => z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((x) => x.trim()).filter(Boolean) : v),
  z.array(z.coerce.number().int().min(min).max(max)),
);

/** What the scheduled jobs watch for: stale tickets, unassigned ones, requesters who went silent, resolved ones nobody confirmed. */
const automation = z.object({
  /** Business days without public activity before a ticket is stale, for N1, N2, N3. */
  staleDays: numberList(1, 365).refine((v) => v.length === 3, "must give three numbers: N1,N2,N3"),
  /** Calendar days without public activity after which any open ticket is stale. */
  staleCatchAllDays: z.coerce.number().int().min(1).max(365),
  /** Business minutes a new or escalated ticket may wait for someone to take it, for N1, N2, N3. */
  unassignedMinutes: numberList(1, 100_000).refine((v) => v.length === 3, "must give three numbers: N1,N2,N3"),
  /** Business days waiting on the requester before each reminder (empty: none). */
  pendingReminderDays: numberList(1, 365),
  /** Business days waiting on the requester before the ticket is resolved for them (0: never). */
  pendingAutoResolveDays: z.coerce.number().int().min(0).max(365),
  /** Days a resolved ticket waits for the requester before it is closed (0: never). */
  autoCloseDays: z.coerce.number().int().min(0).max(365),
  /** Days before an asset's warranty ends that the admins are told of it (the asset-warranty digest). */
  warrantyWarnDays: z.coerce.number().int().min(1).max(365),
}).refine((a) => a.pendingAutoResolveDays === 0 || a.pendingReminderDays.every((d) => d < a.pendingAutoResolveDays),
  { message: "the reminders must come before the automatic resolution", path: ["pendingAutoResolveDays"] });

/** Suggested problems: how many incidents sharing a category and a location or keyword, within how many days, make a cluster. */
const problems = z.object({ suggestThreshold: z.coerce.number().int().min(2).max(1000), suggestWindowDays: z.coerce.number().int().min(1).max(90) });

/** The service catalog: how many days the one-click Approve / Reject links of an approval email stay valid. */
const catalog = z.object({ approvalLinkDays: z.coerce.number().int().min(1).max(90) });

/**
 * Reports and satisfaction surveys: when the requester is asked to rate (at the resolution,
 * or only once the ticket is closed), how many days the one-click rating links stay valid,
 * and the separator of the dashboard's CSV exports (a comma, or a semicolon for
 * spreadsheets set to a French locale).
 */
const reports = z.object({
  surveyOn: z.enum(["resolved", "closed"]),
  surveyLinkDays: z.coerce.number().int().min(1).max(90),
  csvSeparator: z.enum([",", ";", "tab"]),
});

/** A sender as mail headers write it: "niveau@example.com" or "Niveau <niveau@example.com>". */
export const MAILBOX = /^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

/** Outgoing mail (SMTP); an empty host means mail is off and messages wait in the outbox as "held". */
const mail = z.object({
  host: z.string().trim().refine((v) => v === "" || /^[A-Za-z0-9.:[\]-]+$/.test(v), "must be a host name or an IP address (or empty: mail off)"),
  port: z.coerce.number().int().min(1).max(65535),
  /** TLS from the first byte (port 465); false = plain, upgraded with STARTTLS when the server offers it. */
  secure: flag,
  user: z.string(),
  password: z.string(),
  from: z.string().trim().regex(MAILBOX, 'must be an address such as "Niveau <niveau@example.com>"'),
  maxAttempts: z.coerce.number().int().min(1).max(50),
  tlsCaFile: z.string(),
});

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
  ldap,
  jobs,
  automation,
  mail,
  problems,
  catalog,
  reports,
});

export type LdapConfig = z.infer<typeof ldap>;
export type MailConfig = z.infer<typeof mail>;

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
  LDAP_URL: "ldap.url",
  LDAP_BIND_DN: "ldap.bindDn",
  LDAP_BIND_PASSWORD: "ldap.bindPassword",
  LDAP_BIND_PASSWORD_FILE: "ldap.bindPasswordFile",
  LDAP_SEARCH_BASE: "ldap.searchBase",
  LDAP_SEARCH_FILTER: "ldap.searchFilter",
  LDAP_USERNAME_ATTRIBUTE: "ldap.usernameAttribute",
  LDAP_GROUP_SEARCH_BASE: "ldap.groupSearchBase",
  LDAP_GROUP_SEARCH_FILTER: "ldap.groupSearchFilter",
  LDAP_NESTED_GROUPS: "ldap.nestedGroups",
  LDAP_TLS_CA_FILE: "ldap.tlsCaFile",
  LDAP_STARTTLS: "ldap.startTls",
  LDAP_TIMEOUT_SECONDS: "ldap.timeoutSeconds",
  LDAP_UNMAPPED_ROLE: "ldap.unmappedRole",
  LDAP_ATTR_DISPLAY_NAME: "ldap.attributes.displayName",
  LDAP_ATTR_EMAIL: "ldap.attributes.email",
  LDAP_ATTR_PHONE: "ldap.attributes.phone",
  LDAP_ATTR_DEPARTMENT: "ldap.attributes.department",
  LDAP_ATTR_LOCATION: "ldap.attributes.location",
  LDAP_ATTR_LANGUAGE: "ldap.attributes.locale",
  JOBS_ENABLED: "jobs.enabled",
  STALE_DAYS: "automation.staleDays",
  STALE_CATCH_ALL_DAYS: "automation.staleCatchAllDays",
  UNASSIGNED_MINUTES: "automation.unassignedMinutes",
  PENDING_REMINDER_DAYS: "automation.pendingReminderDays",
  PENDING_AUTO_RESOLVE_DAYS: "automation.pendingAutoResolveDays",
  AUTO_CLOSE_DAYS: "automation.autoCloseDays",
  WARRANTY_WARN_DAYS: "automation.warrantyWarnDays",
  PROBLEM_SUGGEST_THRESHOLD: "problems.suggestThreshold",
  PROBLEM_SUGGEST_WINDOW_DAYS: "problems.suggestWindowDays",
  APPROVAL_LINK_DAYS: "catalog.approvalLinkDays",
  SURVEY_ON: "reports.surveyOn",
  SURVEY_LINK_DAYS: "reports.surveyLinkDays",
  REPORT_CSV_SEPARATOR: "reports.csvSeparator",
  JOBS_SCHEDULES: "jobs.schedules",
  SMTP_HOST: "mail.host",
  SMTP_PORT: "mail.port",
  SMTP_SECURE: "mail.secure",
  SMTP_USER: "mail.user",
  SMTP_PASSWORD: "mail.password",
  SMTP_TLS_CA_FILE: "mail.tlsCaFile",
  MAIL_FROM: "mail.from",
  MAIL_MAX_ATTEMPTS: "mail.maxAttempts",
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
 * JOBS_SCHEDULES="name=cron expression; name=cron expression" (a cron expression holds
 * spaces and commas, never a semicolon). An entry without "=" keeps an empty expression,
 * which validation then names.
 */
function schedulesFromEnv(v: string): Record<string, string> {
  const entries = v.split(";").map((e) => e.trim()).filter(Boolean);
  return Object.fromEntries(entries.map((e) => (e.includes("=") ? [e.slice(0, e.indexOf("=")).trim(), e.slice(e.indexOf("=") + 1).trim()] : [e, ""])));
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
    setPath(raw, target, target === "uploads.allowedTypes" ? v.split(",").map((s) => s.trim()).filter(Boolean)
      : target === "jobs.schedules" ? schedulesFromEnv(v) : v);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const p = i.path.join(".");
      const envName = Object.keys(ENV_SETTINGS).find((k) => ENV_SETTINGS[k] === p || p.startsWith(`${ENV_SETTINGS[k]}.`));
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
