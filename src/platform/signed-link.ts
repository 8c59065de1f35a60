import crypto from "node:crypto";
import { resolveSessionSecret, type Config } from "./config";

const DAY_MS = 24 * 3600_000;
/** "<fields>.<expiry, epoch seconds>.<HMAC-SHA256, base64url>": the fields' own shape is the caller's. */
const TOKEN = /^(.+)\.(\d{1,13})\.([A-Za-z0-9_-]{43})$/;

/**
 * One key per purpose ("approval-links", "survey-links"), derived from the session secret:
 * a token signed for one purpose is never valid for another nor replayable as a session
 * cookie, and rotating the secret voids every link. Kept per configuration, as
 * resolveSessionSecret may read a file.
 */
const keys = new WeakMap<Config, Map<string, Buffer>>();
function keyOf(cfg: Config, purpose: string): Buffer {
  let perPurpose = keys.get(cfg);
  if (!perPurpose) keys.set(cfg, (perPurpose = new Map()));
  let key = perPurpose.get(purpose);
  if (!key) perPurpose.set(purpose, (key = crypto.createHmac("sha256", resolveSessionSecret(cfg)).update(purpose).digest()));
  return key;
}

const sign = (cfg: Config, purpose: string, payload: string) => crypto.createHmac("sha256", keyOf(cfg, purpose)).update(payload).digest("base64url");

/**
 * A link token for a purpose: the fields (no dots in them, nothing secret: the signature is
 * what proves the mailbox received it), then its expiry `days` after `now`, then the
 * signature of both.
 */
export function signedLink(cfg: Config, purpose: string, fields: readonly (string | number)[], now: Date, days: number): string {
  const expires = Math.floor((now.getTime() + days * DAY_MS) / 1000);
  const payload = `${fields.join(".")}.${expires}`;
  return `${payload}.${sign(cfg, purpose, payload)}`;
}

/** The fields are the capture groups of the caller's shape. */
export type SignedLinkCheck =
  | { ok: true; fields: string[]; expiresAt: Date }
  | { ok: false; reason: "expired"; fields: string[] }
  | { ok: false; reason: "invalid" };

/**
 * Check a token: "invalid" when malformed (its fields must match `shape`, anchored),
 * altered or signed for another purpose or secret; "expired" past its expiry. The signature
 * is compared in constant time, and before the expiry so an altered token learns nothing.
 */
export function checkSignedLink(cfg: Config, purpose: string, token: string, shape: RegExp, now: Date): SignedLinkCheck {
  const m = TOKEN.exec(token);
  const fields = m ? shape.exec(m[1]) : null;
  if (!m || !fields || fields[0] !== m[1]) return { ok: false, reason: "invalid" };
  const [, body, expires, signature] = m;
  // the text is compared, not the decoded bytes: base64url leaves slack in the last character
  const given = Buffer.from(signature);
  const wanted = Buffer.from(sign(cfg, purpose, `${body}.${expires}`));
  if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) return { ok: false, reason: "invalid" };
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired", fields: fields.slice(1) };
  return { ok: true, fields: fields.slice(1), expiresAt };
}
