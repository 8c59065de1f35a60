import type { Config } from "../../platform/config";
import { checkSignedLink, signedLink } from "../../platform/signed-link";

/** What a one-click link in the approver's email may do. */
export type LinkDecision = "approve" | "reject";

const LETTER: Record<LinkDecision, string> = { approve: "a", reject: "r" };
const DECISION: Record<string, LinkDecision> = { a: "approve", r: "reject" };
/** Its own key (signed-link.ts): an approval token is never valid as any other link, nor as a session cookie. */
const PURPOSE = "approval-links";
const FIELDS = /^(\d{1,12})\.([ar])$/;

/**
 * A link token: "<approval id>.<a|r>.<expiry, epoch seconds>.<HMAC-SHA256 of the three>".
 * Nothing secret is inside (the id and the decision are no secret): the signature is what
 * proves the approver's mailbox received it, and the expiry bounds how long it is worth.
 */
export function approvalToken(cfg: Config, approvalId: number, decision: LinkDecision, now: Date): string {
  return signedLink(cfg, PURPOSE, [approvalId, LETTER[decision]], now, cfg.catalog.approvalLinkDays);
}

export type TokenCheck =
  | { ok: true; approvalId: number; decision: LinkDecision; expiresAt: Date }
  | { ok: false; reason: "invalid" | "expired"; approvalId?: number };

/**
 * Check a token: "invalid" when it is malformed, altered or signed with another key (and
 * when it does not carry the decision expected, if one is given), "expired" past its
 * expiry. An altered token says "invalid" even once expired: nothing is learnt from it.
 */
export function checkApprovalToken(cfg: Config, token: string, now: Date, expected?: LinkDecision): TokenCheck {
  const check = checkSignedLink(cfg, PURPOSE, token, FIELDS, now);
  if (!check.ok && check.reason === "invalid") return { ok: false, reason: "invalid" };
  const [id, letter] = check.fields;
  const decision = DECISION[letter];
  if (expected && decision !== expected) return { ok: false, reason: "invalid" };
  const approvalId = Number(id);
  if (!check.ok) return { ok: false, reason: "expired", approvalId };
  return { ok: true, approvalId, decision, expiresAt: check.expiresAt };
}
