import type { DataSource, EntityManager } from "typeorm";
import type { MailConfig } from "../config";
import { cachedReference } from "../db/reference-cache";
import { getSetting } from "../db/settings";

/** The settings row holding what the admin page overrides (never the password). */
export const MAIL_SETTING_KEY = "mail";

/** What the admin page may override; the password, the CA file and the attempts stay the environment's. */
export const MAIL_EDITABLE_FIELDS = ["host", "port", "secure", "user", "from"] as const;
export type MailEditableField = (typeof MAIL_EDITABLE_FIELDS)[number];
export type MailOverrides = Partial<Pick<MailConfig, MailEditableField>>;

/** The configuration (files and environment) with the admin page's overrides on top. */
export function withMailOverrides(base: MailConfig, overrides: MailOverrides): MailConfig {
  const cfg: MailConfig = { ...base };
  for (const field of MAIL_EDITABLE_FIELDS) {
    const v = overrides[field];
    if (v !== undefined) (cfg as Record<MailEditableField, unknown>)[field] = v;
  }
  return cfg;
}

export function readMailOverrides(m: EntityManager): Promise<MailOverrides> {
  return getSetting<MailOverrides>(m, MAIL_SETTING_KEY, {});
}

export interface MailSettings {
  /** The effective settings. */
  config: MailConfig;
  overrides: MailOverrides;
  /** False when no SMTP host is set: messages are held, not sent. */
  enabled: boolean;
}

/** The effective mail settings, from the reference cache (an admin save clears it). */
export function mailSettings(db: DataSource, base: MailConfig): Promise<MailSettings> {
  return cachedReference(db, "mail-settings", async () => {
    const overrides = await readMailOverrides(db.manager);
    const config = withMailOverrides(base, overrides);
    return { config, overrides, enabled: config.host.trim() !== "" };
  });
}
