import crypto from "node:crypto";
import { resolveSessionSecret, type Config } from "../../platform/config";

/** What a one-click link in the approver's email may do. */
export type LinkDecision = "approve" | "reject";

const LETTER: Record<LinkDecision, string> = { approve: "a", reject: "r" };
const DECISION: Record<string, LinkDecision> = { a: "approve", r: "reject" };
const DAY_MS = 24 * 3600_000;
const TOKEN = /^(\d{1,12})\.([ar])\.(\d{1,13})\.([A-Za-z0-9_-]{43})$/;

/**
 * Its own key, derived from the session secret: a token can never be replayed as anything
 * else the secret signs (a session cookie), and rotating the secret voids every link. Kept
 * per configuration, as resolveSessionSecret may read a file.
 */
const keys = new WeakMap<Config, Buffer>();
function keyOf(cfg: Config): Buffer {
  let key = keys.get(cfg);
  if (!key) keys.set(cfg, (key = crypto.createHmac("sha256", resolveSessionSecret(cfg)).update("approval-links").digest()));
  return key;
}

const sign = (cfg: Config, payload: string) => crypto.createHmac("sha256", keyOf(cfg)).update(payload).digest("base64url");

/**
 * A link token: "<approval id>.<a|r>.<expiry, epoch seconds>.<HMAC-SHA256 of the three>".
 * Nothing secret is inside (the id and the decision are no secret): the signature is what
 * proves the approver's mailbox received it, and the expiry bounds how long it is worth.
 */
export function approvalToken(cfg: Config, approvalId: number, decision: LinkDecision, now: Date): string {
  const expires = Math.floor((now.getTime() + cfg.catalog.approvalLinkDays * DAY_MS) / 1000);
  const payload = `${approvalId}.${LETTER[decision]}.${expires}`;
  return `${payload}.${sign(cfg, payload)}`;
}

export type TokenCheck =
  | { ok: true; approvalId: number; decision: LinkDecision; expiresAt: Date }
  | { ok: false; reason: "invalid" | "expired"; approvalId?: number };

/**
 * Check a token: "invalid" when it is malformed, altered or signed with another key (and
 * when it does not carry the decision expected, if one is given), "expired" past its
 * expiry. The signature is compared in constant time, and checked before the expiry so an
 * altered token learns nothing.
 */
export function checkApprovalToken(cfg: Config, token: string, now: Date, expected?: LinkDecision): TokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: "invalid" };
  const [, id, letter, expires, signature] = m;
  // the text is compared, not the decoded bytes: base64url leaves slack in the last character
  const given = Buffer.from(signature);
  const wanted = Buffer.from(sign(cfg, `${id}.${letter}.${expires}`));
  if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) return { ok: false, reason: "invalid" };
  const decision = DECISION[letter];
  if (expected && decision !== expected) return { ok: false, reason: "invalid" };
  const approvalId = Number(id);
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired", approvalId };
  return { ok: true, approvalId, decision, expiresAt };
}
