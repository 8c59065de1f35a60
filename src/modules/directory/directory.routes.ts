import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { AppError } from "../../platform/http/errors";
import { flash } from "../../platform/http/flash";
import { parse } from "../../platform/http/validate";
import { lastRuns, nextRun, jobSchedule, runJob } from "../../platform/jobs";
import { ROLES } from "../../access/roles";
import { authorizeAdmin } from "../../access/policies/admin.policy";
import { listGroups } from "../users/queries/groups";
import { groupOptions, checkedIds, typedValues, type FormValues } from "../admin/admin.presenter";
import { idParam, show, submitter } from "../admin/admin-page";
import { ROLES_BY_PRECEDENCE } from "./access";
import { applySyncSchema, mappingSchema, settingsSchema, testConnectionSchema } from "./directory.schemas";
import { directoryConfig } from "./settings";
import { isPreset, PRESETS } from "./presets";
import { saveDirectorySettings } from "./commands/save-settings";
import { mapGroup, unmapGroup } from "./commands/mappings";
import { previewSync } from "./commands/sync";
import { testConnection, type ConnectionTest } from "./queries/test-connection";
import { loadRules } from "./queries/mappings";
import { LDAP_SYNC_JOB, ldapSyncJob } from "./jobs/ldap-sync";
import { overriddenFields, presentPreview, presentRules, presentRuns, runError, settingsValues } from "./directory.presenter";

/** The directory pages of the administration: connection settings, group mapping, synchronisation. */
export function directoryRoutes(deps: Deps): Router {
  const r = Router();
  const submit = submitter(r);
  const current = () => directoryConfig(deps.db, deps.config.ldap);

  // ---- connection settings
  const renderSettings = async (req: Request, res: Response, opts: { values?: FormValues; status?: number; err?: AppError; test?: ConnectionTest; testUsername?: string } = {}) => {
    authorizeAdmin(req.actor!);
    const { config, overrides } = await current();
    const base = deps.config.ldap;
    show(res, "directory/settings", {
      title: res.locals.t("directory.settings.title"), values: opts.values ?? settingsValues(config), overridden: overriddenFields(overrides),
      password: base.bindPassword ? "env" : base.bindPasswordFile ? "file" : "missing", presets: Object.keys(PRESETS),
      configured: Boolean(config.url.trim()), test: opts.test ?? null, testUsername: opts.testUsername ?? "", roleLabel: (role: string) => res.locals.t(`role.${role}`),
    }, opts.status, opts.err);
  };
  route(r, "get", "/admin/directory", "admin", (req, res) => renderSettings(req, res));
  submit("/admin/directory", async (req) => {
    await saveDirectorySettings(deps, req.actor!, parse(settingsSchema, req.body));
    return { to: "/admin/directory", key: "directory.flash.settings_saved" };
  }, (req, res, err) => renderSettings(req, res, { values: typedValues(req.body), status: err.status, err }));
  submit("/admin/directory/reset", async (req) => {
    await saveDirectorySettings(deps, req.actor!, parse(settingsSchema, settingsValues(deps.config.ldap)));
    return { to: "/admin/directory", key: "directory.flash.settings_reset" };
  }, (req, res, err) => renderSettings(req, res, { status: err.status, err }));
  // a preset fills the form the admin is editing; nothing is saved
  route(r, "post", "/admin/directory/preset", "admin", async (req, res) => {
    const name = req.body?.preset;
    const values: FormValues = { ...typedValues(req.body), ...(isPreset(name) ? PRESETS[name] : {}) };
    delete values.preset;
    await renderSettings(req, res, { values });
  });
  route(r, "post", "/admin/directory/test", "admin", async (req, res) => {
    const typed = typeof req.body?.username === "string" ? req.body.username : "";
    let username: string;
    try {
      ({ username } = parse(testConnectionSchema, req.body));
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      return renderSettings(req, res, { status: 422, err, testUsername: typed });
    }
    await renderSettings(req, res, { test: await testConnection(deps, req.actor!, username), testUsername: username });
  });

  // ---- group mapping
  const renderMappings = async (req: Request, res: Response, values: FormValues, status?: number, err?: AppError) => {
    authorizeAdmin(req.actor!);
    const [rules, groups, { config }] = await Promise.all([loadRules(deps.db.manager), listGroups(deps.db.manager), current()]);
    show(res, "directory/mappings", {
      title: res.locals.t("directory.mappings.title"), rows: presentRules(rules, res.locals.t), roles: ROLES_BY_PRECEDENCE,
      groups: groupOptions(groups), values, checked: checkedIds(values.groupIds), unmapped: config.unmappedRole,
    }, status, err);
  };
  route(r, "get", "/admin/directory/mappings", "admin", (req, res) => renderMappings(req, res, { role: "requester" }));
  submit("/admin/directory/mappings", async (req) => {
    const input = parse(mappingSchema, req.body);
    const mapping = await mapGroup(deps, req.actor!, input);
    return { to: "/admin/directory/mappings", key: "directory.flash.mapped", params: { group: mapping.groupRef, role: req.res!.locals.t(`role.${mapping.role}`) } };
  }, (req, res, err) => renderMappings(req, res, typedValues(req.body), err.status, err));
  route(r, "post", "/admin/directory/mappings/:id/delete", "admin", async (req, res) => {
    const mapping = await unmapGroup(deps, req.actor!, { id: idParam(req) });
    flash(req, "success", "directory.flash.unmapped", { group: mapping.groupRef });
    res.redirect(303, "/admin/directory/mappings");
  });

  // ---- synchronisation
  const renderSync = async (req: Request, res: Response, preview?: ReturnType<typeof presentPreview>) => {
    authorizeAdmin(req.actor!);
    const [{ config }, runs] = await Promise.all([current(), lastRuns(deps.db, LDAP_SYNC_JOB, 10)]);
    const schedule = jobSchedule(deps.config, ldapSyncJob());
    show(res, "directory/sync", {
      title: res.locals.t("directory.sync.title"), configured: Boolean(config.url.trim()), schedule,
      next: nextRun(schedule, deps.config.defaultTimezone), runs: presentRuns(runs, res.locals.t), preview: preview ?? null, roles: ROLES,
    });
  };
  route(r, "get", "/admin/directory/sync", "admin", (req, res) => renderSync(req, res));
  route(r, "get", "/admin/directory/sync/preview", "admin", async (req, res) => {
    await renderSync(req, res, presentPreview(await previewSync(deps, req.actor!), res.locals.t));
  });
  route(r, "post", "/admin/directory/sync", "admin", async (req, res) => {
    authorizeAdmin(req.actor!);
    const { force } = parse(applySyncSchema, req.body);
    const run = await runJob(deps, ldapSyncJob({ force }), { trigger: "manual", actorId: req.actor!.id });
    if (run.outcome === "success") {
      flash(req, "success", "directory.flash.synced", { created: run.counts.created ?? 0, updated: run.counts.updated ?? 0, deactivated: run.counts.deactivated ?? 0 });
    } else {
      flash(req, "danger", "directory.flash.sync_failed", { message: runError(run.error, res.locals.t) });
    }
    res.redirect(303, "/admin/directory/sync");
  });
  return r;
}
