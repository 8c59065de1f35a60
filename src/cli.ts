import { parseArgs } from "node:util";
import type { DataSource } from "typeorm";
import { In } from "typeorm";
import { SYSTEM_ACTOR } from "./access/policies/admin.policy";
import { loadConfig, ConfigError, type Config } from "./platform/config";
import { connect } from "./platform/db/connect";
import { backupDatabase, BackupError } from "./platform/db/backup";
import { systemClock } from "./platform/clock";
import { createLogger } from "./platform/logger";
import { EventBus } from "./platform/events/bus";
import type { Deps } from "./platform/deps";
import { AppError, invalid } from "./platform/http/errors";
import { createUser } from "./modules/users/commands/create-user";
import { setPassword } from "./modules/users/commands/set-password";
import { updateUser } from "./modules/users/commands/update-user";
import { createApiToken } from "./modules/users/commands/api-tokens";
import { loadActor } from "./modules/users/queries/load-actor";
import { createUserSchema, passwordSchema } from "./modules/users/user.schemas";
import { GroupMember, SupportGroup } from "./modules/users/group.entity";
import { User } from "./modules/users/user.entity";
import { Ticket } from "./modules/tickets/ticket.entity";
import { STATUSES } from "./modules/tickets/ticket.types";
import { ensureDefaults, ensureFirstAdmin } from "./modules/admin/setup";
import { loadDemo, DEMO_PASSWORD } from "./modules/admin/demo";
import { JOB_RUNNING, jobSchedule, lastRun, nextRun, runJob, type JobRunRow } from "./platform/jobs";
import { jobDefinitions } from "./jobs";
import { initI18n, translator } from "./platform/i18n";
import { mappingSchema } from "./modules/directory/directory.schemas";
import { mapGroup, unmapGroup } from "./modules/directory/commands/mappings";
import { loadRules } from "./modules/directory/queries/mappings";
import { previewSync, type SyncIssue } from "./modules/directory/commands/sync";
import { issueText, planDetails } from "./modules/directory/directory.presenter";
import { LDAP_SYNC_JOB, ldapSyncJob } from "./modules/directory/jobs/ldap-sync";

const USAGE = `Usage: npm run cli -- <command> [options]

  setup [--demo]                       migrate, create default groups/categories and the first admin
                                       (ADMIN_USERNAME, ADMIN_PASSWORD, ADMIN_EMAIL); --demo adds demo data
  user create --username U --password P --role requester|agent|supervisor|admin
              [--group NAME]... [--email E] [--name "Full Name"] [--department D] [--location L]
  user passwd --username U --password P
  user deactivate --username U
  token create --username U [--name N]  prints the API token alone on stdout
  ldap map --group "DN or CN" --role requester|agent|supervisor|admin [--support-group NAME]...
                                       map a directory group (again: replaces its role and groups)
  ldap unmap --group "DN or CN"        remove a mapping
  ldap mappings                        list the mappings, highest role first
  ldap sync --preview | --apply [--force]
                                       what a directory sync would change / do it now
  job list                             the jobs with their schedule, next and last run
  job run NAME                         run a job now, whatever its schedule (exit code 1 if it fails)
  db migrate                           apply pending migrations
  db backup --out FILE                 consistent copy of the live database (SQLite file or pg_dump archive)
`;

/** Wrong command line: exit 1 with the usage. */
class UsageError extends Error {}
class HelpRequested extends Error {}
/** A request the CLI can explain in one sentence (unknown group ...): exit 1, no usage. */
class CliError extends Error {}

type Opts = Record<string, string | boolean | (string | boolean)[] | undefined>;
type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean }>;
/**
 * Most commands work on the database; a backup must not open it (it reads the file or runs pg_dump).
 * `args` names the positional arguments after the command words (`job run NAME`); they land in opts.
 */
type Command = { options: OptionSpec; args?: string[] } & (
  | { run: (deps: Deps, opts: Opts) => Promise<void> }
  | { runWithoutDb: (config: Config, opts: Opts) => Promise<void> });

const str = (o: Opts, k: string): string | undefined => (typeof o[k] === "string" ? (o[k] as string) : undefined);
function required(o: Opts, k: string): string {
  const v = str(o, k);
  if (!v) throw new UsageError(`--${k} is required`);
  return v;
}
// stdout carries results only (a token, for scripts); progress and notices go to stderr
function say(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

async function findUser(db: DataSource, username: string): Promise<User> {
  const user = await db.getRepository(User).findOne({ where: { provider: "local", username: username.trim().toLowerCase() } });
  if (!user) throw new AppError(404, "user_not_found", "errors.not_found", { username });
  return user;
}

/** zod issues -> the same field error (422) the web forms use. */
function fieldsFrom(issues: { path: PropertyKey[]; message: string }[]): AppError {
  return invalid(Object.fromEntries(issues.map((i) => [String(i.path[0] ?? "input"), i.message])));
}

/** Support groups by name (a repeatable option); an unknown name is refused with the known ones listed. */
async function groupsNamed(deps: Deps, option: Opts[string]): Promise<SupportGroup[]> {
  const names = Array.isArray(option) ? option.map(String) : [];
  const groups = names.length ? await deps.db.getRepository(SupportGroup).find({ where: { name: In(names) } }) : [];
  const unknown = names.filter((n) => !groups.some((g) => g.name === n));
  if (unknown.length) {
    const known = (await deps.db.getRepository(SupportGroup).find({ order: { tier: "ASC", name: "ASC" } })).map((g) => `"${g.name}"`);
    throw new CliError(`Unknown group ${unknown.map((n) => `"${n}"`).join(", ")}. Known groups: ${known.join(", ") || "none (run setup first)"}`);
  }
  return groups;
}

async function runMigrations(db: DataSource): Promise<void> {
  // same options as connect({ migrate: true }); run here so we can say which ones ran
  const ran = await db.runMigrations({ transaction: "each" });
  say(ran.length ? `Applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(", ")}` : "Database schema is up to date.");
}

const commands: Record<string, Command> = {
  "user create": {
    options: { username: { type: "string" }, password: { type: "string" }, role: { type: "string" }, group: { type: "string", multiple: true },
      email: { type: "string" }, name: { type: "string" }, department: { type: "string" }, location: { type: "string" } },
    async run(deps, o) {
      const [username, password, role] = [required(o, "username"), required(o, "password"), required(o, "role")];
      const groups = await groupsNamed(deps, o.group);
      const parsed = createUserSchema.safeParse({
        username, password, role, displayName: str(o, "name") ?? username,
        email: str(o, "email"), department: str(o, "department"), location: str(o, "location"), groupIds: groups.map((g) => g.id),
      });
      if (!parsed.success) throw fieldsFrom(parsed.error.issues);
      const user = await createUser(deps, SYSTEM_ACTOR, parsed.data);
      say(`Created ${user.role} "${user.username}" (id ${user.id})${groups.length ? ` in ${groups.map((g) => g.name).join(", ")}` : ""}.`);
    },
  },
  "user passwd": {
    options: { username: { type: "string" }, password: { type: "string" } },
    async run(deps, o) {
      const user = await findUser(deps.db, required(o, "username"));
      const parsed = passwordSchema.safeParse({ password: required(o, "password") });
      if (!parsed.success) throw fieldsFrom(parsed.error.issues);
      await setPassword(deps, SYSTEM_ACTOR, user.id, parsed.data.password);
      say(`Password of "${user.username}" changed; their sessions were ended.`);
    },
  },
  "user deactivate": {
    options: { username: { type: "string" } },
    async run(deps, o) {
      const user = await findUser(deps.db, required(o, "username"));
      if (!user.active) {
        say(`"${user.username}" is already deactivated.`);
        return;
      }
      const groupIds = (await deps.db.getRepository(GroupMember).find({ where: { userId: user.id } })).map((m) => m.groupId);
      // the admin screen's command, with everything but the active flag unchanged: sessions end, audit row written
      await updateUser(deps, SYSTEM_ACTOR, user.id, {
        displayName: user.displayName, email: user.email, phone: user.phone, department: user.department, location: user.location,
        locale: user.locale, vip: user.vip, role: user.role, groupIds, active: false,
      });
      say(`"${user.username}" deactivated; their sessions were ended.`);
    },
  },
  "token create": {
    options: { username: { type: "string" }, name: { type: "string" } },
    async run(deps, o) {
      const user = await findUser(deps.db, required(o, "username"));
      const owner = await loadActor(deps.db.manager, user.id);
      if (!owner) throw new AppError(409, "user_inactive", "errors.user_inactive", { username: user.username });
      const { token, row } = await createApiToken(deps, owner, str(o, "name") ?? "cli");
      say(`API token "${row.name}" created for "${user.username}". It is shown once; keep it secret.`);
      process.stdout.write(`${token}\n`);
    },
  },
  "job list": {
    options: {},
    async run(deps) {
      const defs = jobDefinitions();
      if (!defs.length) say("No jobs are registered.");
      else if (!deps.config.jobs.enabled) say("Scheduled jobs are disabled (jobs.enabled / JOBS_ENABLED): they run only with job run.");
      for (const def of defs) {
        const schedule = jobSchedule(deps.config, def);
        const next = deps.config.jobs.enabled ? nextRun(schedule, deps.config.defaultTimezone) : null;
        const last = await lastRun(deps.db, def.name);
        const changed = schedule === def.defaultSchedule ? "" : `, default ${def.defaultSchedule}`;
        process.stdout.write(`${def.name}\n  schedule  ${schedule} (${deps.config.defaultTimezone}${changed})${next ? ` next ${instant(next)}` : ""}\n` +
          `  last run  ${last ? describeRun(last) : "never"}\n`);
      }
    },
  },
  "job run": {
    options: {},
    args: ["job"],
    async run(deps, o) {
      const name = str(o, "job");
      if (!name) throw new UsageError("job run needs the name of a job (see job list)");
      const defs = jobDefinitions();
      const def = defs.find((d) => d.name === name);
      if (!def) throw new CliError(`Unknown job "${name}". Known jobs: ${defs.map((d) => `"${d.name}"`).join(", ") || "none"}`);
      say(`Running "${def.name}" ...`);
      const run = await runJob(deps, def, { trigger: "cli", actorId: null }).catch((err: unknown) => {
        if (err instanceof AppError && err.code === JOB_RUNNING) throw new CliError(`"${def.name}" is running in another process; try again once it has finished.`);
        throw err;
      });
      say(`Run #${run.id} of "${def.name}": ${describeRun(run)}`);
      if (run.outcome !== "success") throw new CliError(`"${def.name}" failed: ${run.error ?? "unknown error"}`);
    },
  },
  "ldap map": {
    options: { group: { type: "string" }, role: { type: "string" }, "support-group": { type: "string", multiple: true } },
    async run(deps, o) {
      const groups = await groupsNamed(deps, o["support-group"]);
      const parsed = mappingSchema.safeParse({ group: required(o, "group"), role: required(o, "role"), groupIds: groups.map((g) => g.id) });
      if (!parsed.success) throw fieldsFrom(parsed.error.issues);
      const mapping = await mapGroup(deps, SYSTEM_ACTOR, parsed.data);
      say(`Directory group "${mapping.groupRef}" -> ${mapping.role}${groups.length ? ` in ${groups.map((g) => g.name).join(", ")}` : ""}. Applies at the next sign-in and sync.`);
    },
  },
  "ldap unmap": {
    options: { group: { type: "string" } },
    async run(deps, o) {
      const mapping = await unmapGroup(deps, SYSTEM_ACTOR, { group: required(o, "group") }).catch((err: unknown) => {
        if (err instanceof AppError && err.status === 404) throw new CliError(`No mapping for "${str(o, "group")}" (see ldap mappings).`);
        throw err;
      });
      say(`Mapping of "${mapping.groupRef}" removed.`);
    },
  },
  "ldap mappings": {
    options: {},
    async run(deps) {
      const rules = await loadRules(deps.db.manager);
      if (!rules.length) say("No directory group is mapped.");
      say("Highest role wins; support groups are the union of every matching mapping.");
      for (const r of rules) {
        process.stdout.write(`${r.role.padEnd(10)} ${r.groupRef}${r.supportGroups.length ? `  [${r.supportGroups.map((g) => g.name).join(", ")}]` : ""}\n`);
      }
    },
  },
  "ldap sync": {
    options: { preview: { type: "boolean" }, apply: { type: "boolean" }, force: { type: "boolean" } },
    async run(deps, o) {
      if (Boolean(o.preview) === Boolean(o.apply)) throw new UsageError("ldap sync needs --preview or --apply");
      if (o.preview) {
        const preview = await previewSync(deps, SYSTEM_ACTOR);
        const c = preview.counts;
        say(`${preview.seen} people in the directory: ${c.create} to create, ${c.update} to update, ${c.deactivate} to deactivate, ${c.unchanged} unchanged. Nothing was changed.`);
        if (preview.guard) say(`Safety: ${preview.guard.deactivations} of ${preview.guard.accounts} accounts would be deactivated; --apply holds them back without --force.`);
        await initI18n("en");
        const t = translator("en");
        for (const e of preview.errors) say(`problem: ${issueText(e, t)}`);
        for (const { plan } of preview.changes) {
          process.stdout.write(`${plan.action.padEnd(10)} ${plan.username} (${plan.displayName})${planDetails(plan, preview.groupNames, t).map((d) => `\n           ${d}`).join("")}\n`);
        }
        return;
      }
      const run = await runJob(deps, ldapSyncJob({ force: Boolean(o.force) }), { trigger: "cli", actorId: null });
      say(`Run #${run.id} of "${LDAP_SYNC_JOB}": ${describeRun(run)}`);
      await initI18n("en");
      for (const e of ((run.report as { errors?: SyncIssue[] } | null)?.errors ?? [])) say(`problem: ${issueText(e, translator("en"))}`);
      if (run.outcome !== "success") throw new CliError(`The directory sync failed: ${run.error ?? "unknown error"}`);
    },
  },
  "db migrate": { options: {}, run: (deps) => runMigrations(deps.db) },
  "db backup": {
    options: { out: { type: "string" } },
    async runWithoutDb(config, o) {
      const res = await backupDatabase(config, required(o, "out"));
      say(`${res.kind === "sqlite" ? "SQLite" : "PostgreSQL"} backup written to ${res.file} (${(res.bytes / 1024).toFixed(0)} KiB).`);
    },
  },
  setup: {
    options: { demo: { type: "boolean" } },
    async run(deps, o) {
      // a bad ADMIN_* value is refused before anything is written
      const adminOpts = adminFromEnv(process.env);
      await runMigrations(deps.db);
      const defaults = await ensureDefaults(deps);
      say(defaults.groups || defaults.categories
        ? `Created ${defaults.groups} support group(s) and ${defaults.categories} categories.`
        : "Default support groups and categories already present.");
      const admin = await ensureFirstAdmin(deps, adminOpts);
      if (!admin.created) say("An admin account already exists; none created.");
      else if (!admin.generated) say(`Admin account "${admin.username}" created with the password from ADMIN_PASSWORD.`);
      else {
        say("");
        say("  ================================================================");
        say(`  Admin account created:  ${admin.username}`);
        say(`  Generated password:     ${admin.password}`);
        say("  It is shown only this once. Sign in and change it right away.");
        say("  ================================================================");
        say("");
      }
      if (o.demo) await demo(deps);
    },
  },
};

function adminFromEnv(env: NodeJS.ProcessEnv): { username?: string; password?: string; email?: string } {
  const username = env.ADMIN_USERNAME ? createUserSchema.shape.username.safeParse(env.ADMIN_USERNAME) : null;
  if (username && !username.success) throw invalid({ ADMIN_USERNAME: username.error.issues[0].message });
  if (env.ADMIN_PASSWORD && !passwordSchema.safeParse({ password: env.ADMIN_PASSWORD }).success) {
    throw invalid({ ADMIN_PASSWORD: "validation.password_short" });
  }
  if (env.ADMIN_EMAIL && !createUserSchema.shape.email.safeParse(env.ADMIN_EMAIL).success) throw invalid({ ADMIN_EMAIL: "validation.email" });
  return { username: username?.data, password: env.ADMIN_PASSWORD, email: env.ADMIN_EMAIL?.toLowerCase() };
}

async function demo(deps: Deps): Promise<void> {
  const existing = await deps.db.getRepository(Ticket).count();
  if (existing > 0) {
    say(`Demo data skipped: the database already has ${existing} ticket(s).`);
    return;
  }
  say("Loading the demo data set (users, about 200 tickets, assets, a service catalog, articles and ratings) ...");
  const res = await loadDemo(deps);
  const statuses = STATUSES.map((s) => `${s} ${res.byStatus[s] ?? 0}`).join(", ");
  say(`Demo data loaded: ${res.usersCreated} user(s) created, ${res.tickets} tickets (${statuses}).`);
  say(`Inventory and catalog: ${res.assets} assets, ${res.catalogItems} catalog items, ${res.catalogRequests} catalog requests.`);
  say(`Knowledge base and reports: ${res.kbArticles} articles, ${res.surveys} satisfaction answers; the dashboard is at /reports.`);
  say(`Demo accounts (e.g. claire.martin, julie.petit, antoine.roux, isabelle.mercier) use the password "${DEMO_PASSWORD}".`);
  say("karim.benali has a software request to approve; thomas.dubois's laptop PC-00002 failed three times this month.");
}

const instant = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** "success at 2026-11-23T02:00:00Z in 4.2 s: created 3, updated 12" (and the error of a failure). */
function describeRun(run: JobRunRow): string {
  const took = run.finishedAt ? ` in ${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s` : "";
  const counts = Object.entries(run.counts).map(([k, v]) => `${k} ${v}`).join(", ");
  return `${run.outcome} at ${instant(run.startedAt)}${took}${counts ? `: ${counts}` : ""}${run.error ? ` (${run.error})` : ""}`;
}

function parse(argv: string[]): { name: string; opts: Opts } {
  const words = argv.filter((a) => !a.startsWith("-"));
  const name = commands[words.slice(0, 2).join(" ")] ? words.slice(0, 2).join(" ") : words[0];
  if (argv.includes("--help") || argv.includes("-h") || name === "help") throw new HelpRequested();
  if (!name) throw new UsageError("");
  const cmd = commands[name];
  if (!cmd) throw new UsageError(`Unknown command "${words.join(" ")}"`);
  const { values, positionals } = parseArgs({ args: argv, options: cmd.options, allowPositionals: true, strict: true });
  const n = name.split(" ").length;
  const args = cmd.args ?? [];
  if (positionals.slice(0, n).join(" ") !== name || positionals.length > n + args.length) {
    throw new UsageError(`Unexpected argument "${positionals.slice(n + args.length).join(" ")}"`);
  }
  const opts: Opts = { ...values };
  args.forEach((arg, i) => (opts[arg] = positionals[n + i]));
  return { name, opts };
}

/** A database that cannot be reached is an operator problem: say which one, without a stack trace. */
async function open(config: Config): Promise<DataSource> {
  try {
    return await connect(config, { migrate: false });
  } catch (err) {
    const where = config.databaseUrl ? redactUrl(config.databaseUrl) : config.sqlitePath;
    throw new CliError(`Cannot open the database ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function redactUrl(u: string): string {
  const url = new URL(u);
  if (url.password) url.password = "***";
  return url.toString();
}

export async function main(argv: string[]): Promise<number> {
  let db: DataSource | undefined;
  try {
    const { name, opts } = parse(argv);
    const config: Config = loadConfig();
    const cmd = commands[name];
    if ("runWithoutDb" in cmd) {
      await cmd.runWithoutDb(config, opts);
      return 0;
    }
    db = await open(config);
    await cmd.run({ db, config, clock: systemClock, logger: createLogger(config.logLevel), bus: new EventBus() }, opts);
    return 0;
  } catch (err) {
    return report(err);
  } finally {
    if (db?.isInitialized) await db.destroy();
  }
}

function report(err: unknown): number {
  if (err instanceof HelpRequested) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (err instanceof ConfigError) {
    say(err.message);
    return 2;
  }
  if (err instanceof UsageError || (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"))) {
    if (err.message) say(`Error: ${err.message}\n`);
    say(USAGE);
    return 1;
  }
  if (err instanceof AppError) {
    say(`Error: ${err.code}${Object.keys(err.params).length ? ` ${JSON.stringify(err.params)}` : ""}`);
    for (const [field, key] of Object.entries(err.fields ?? {})) say(`  ${field}: ${key}`);
    return 1;
  }
  if (err instanceof BackupError || err instanceof CliError) {
    say(`Error: ${err.message}`);
    return 1;
  }
  say(`Error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
