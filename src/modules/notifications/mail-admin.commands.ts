import type { Actor } from "../../access/actor";
import { authorizeAdmin } from "../../access/policies/admin.policy";
import type { Deps } from "../../platform/deps";
import type { Locale } from "../../platform/i18n";
import { withReferenceChange } from "../../platform/db/reference-cache";
import { withTransaction } from "../../platform/db/transaction";
import { putSetting } from "../../platform/db/settings";
import { conflict, invalid, type FieldErrors } from "../../platform/http/errors";
import {
  giveUp, mailSettings, MAIL_EDITABLE_FIELDS, MAIL_SETTING_KEY, outboxMessage, queueMail, retryFailed, sendPending, withMailOverrides,
  type MailOverrides,
} from "../../platform/mail";
import { audit } from "../admin/audit";
import type { MailSettingsInput } from "./mail-admin.schemas";

/**
 * The admin page's mail settings. Only what differs from the configuration (files and
 * environment) is kept, so a value set in the environment later still applies where the
 * admin did not change it. The password is never stored here, and it only ever goes to
 * the environment's server, over TLS when the environment uses TLS.
 */
export async function saveMailSettings(deps: Deps, actor: Actor, input: MailSettingsInput): Promise<MailOverrides> {
  authorizeAdmin(actor);
  const base = deps.config.mail;
  const overrides: MailOverrides = {};
  for (const field of MAIL_EDITABLE_FIELDS) {
    if (input[field] !== base[field]) (overrides as Record<string, unknown>)[field] = input[field];
  }
  const effective = withMailOverrides(base, overrides);
  const fields: FieldErrors = {};
  // turning mail off is always allowed; pointing it elsewhere is not while the environment holds a password
  if (base.password && effective.host.trim() && effective.host.trim().toLowerCase() !== base.host.trim().toLowerCase()) {
    fields.host = "mail.errors.host_password";
  }
  if (base.password && base.secure && !effective.secure) fields.secure = "mail.errors.tls_downgrade";
  if (Object.keys(fields).length) throw invalid(fields);
  await withReferenceChange(deps.db, async (tx) => {
    await putSetting(tx, MAIL_SETTING_KEY, overrides);
    await audit(tx, actor, "mail.settings", "setting", MAIL_SETTING_KEY, { overridden: Object.keys(overrides) }, deps.clock.now());
  });
  return overrides;
}

export function resetMailSettings(deps: Deps, actor: Actor): Promise<MailOverrides> {
  const { host, port, secure, user, from } = deps.config.mail;
  return saveMailSettings(deps, actor, { host, port, secure, user, from });
}

export type TestOutcome = { status: "sent" } | { status: "failed"; error: string } | { status: "in_progress" };

/**
 * A test message through the outbox, sent at once with the effective settings. A test
 * that fails is not tried again later (it would arrive long after anyone waits for it).
 * @throws 409 `mail_off` when no SMTP server is set (nothing is queued).
 */
export async function sendTestMail(deps: Deps, actor: Actor, input: { to: string; locale: Locale }): Promise<TestOutcome> {
  authorizeAdmin(actor);
  const { enabled, config } = await mailSettings(deps.db, deps.config.mail);
  if (!enabled) throw conflict("mail_off", "mail.errors.off");
  const now = deps.clock.now();
  const id = await withTransaction(deps.db, async (tx) => {
    const mailId = await queueMail(tx, deps, {
      to: input.to, toName: null, locale: input.locale, template: "test",
      data: { admin: actor.displayName, server: `${config.host}:${config.port}`, from: config.from, queuedAt: now },
    });
    await audit(tx, actor, "mail.test", "mail", mailId, { to: input.to }, now);
    return mailId;
  });
  await sendPending(deps, { ids: [id], batch: 1 });
  const row = await outboxMessage(deps.db, id);
  if (row?.status === "sent") return { status: "sent" };
  if (row?.status === "pending" || row?.status === "failed") {
    await withTransaction(deps.db, (tx) => giveUp(tx, id));
    return { status: "failed", error: row.lastError ?? "" };
  }
  return { status: "in_progress" };
}

/** One failed message (or, without an id, every failed one) back to pending, due now. Returns how many. */
export async function retryMail(deps: Deps, actor: Actor, id?: number): Promise<number> {
  authorizeAdmin(actor);
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const count = await retryFailed(tx, now, id);
    if (count) await audit(tx, actor, "mail.retry", "mail", id ?? null, { count }, now);
    return count;
  });
}
