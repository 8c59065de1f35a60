import { expect } from "chai";
import { loadConfig, type Config } from "../../src/platform/config";
import { approvalToken, checkApprovalToken } from "../../src/modules/catalog/approval-token";

const NOW = new Date("2026-11-23T09:00:00Z");
const DAY = 24 * 3600_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

describe("unit: approval link tokens", () => {
  let cfg: Config;
  before(() => {
    cfg = loadConfig();
  });

  it("reads back the approval and the decision it was made for, until it expires", () => {
    expect(cfg.catalog.approvalLinkDays).to.equal(7);
    const token = approvalToken(cfg, 42, "approve", NOW);
    expect(token).to.match(/^42\.a\.\d+\.[A-Za-z0-9_-]{43}$/);
    const ok = checkApprovalToken(cfg, token, at(6.9));
    expect(ok).to.deep.include({ ok: true, approvalId: 42, decision: "approve" });
    expect(ok.ok && ok.expiresAt.getTime()).to.equal(at(7).getTime());
    expect(checkApprovalToken(cfg, approvalToken(cfg, 42, "reject", NOW), NOW)).to.deep.include({ ok: true, decision: "reject" });
  });

  it("refuses a token once expired, naming the approval (the page links to it)", () => {
    const token = approvalToken(cfg, 42, "approve", NOW);
    expect(checkApprovalToken(cfg, token, at(7))).to.deep.equal({ ok: false, reason: "expired", approvalId: 42 });
    expect(checkApprovalToken(cfg, token, at(30))).to.deep.equal({ ok: false, reason: "expired", approvalId: 42 });
  });

  it("follows the configured number of days", () => {
    const short = { ...cfg, catalog: { approvalLinkDays: 1 } };
    const token = approvalToken(short, 7, "approve", NOW);
    expect(checkApprovalToken(short, token, at(0.9)).ok).to.equal(true);
    expect(checkApprovalToken(short, token, at(1.1))).to.deep.include({ ok: false, reason: "expired" });
  });

  it("refuses a tampered token: another approval, another decision, a later expiry, a changed signature", () => {
    const token = approvalToken(cfg, 42, "approve", NOW);
    const [id, letter, expires, sig] = token.split(".");
    const invalid = { ok: false, reason: "invalid" };
    expect(checkApprovalToken(cfg, [43, letter, expires, sig].join("."), NOW)).to.deep.equal(invalid);
    expect(checkApprovalToken(cfg, [id, "r", expires, sig].join("."), NOW)).to.deep.equal(invalid);
    expect(checkApprovalToken(cfg, [id, letter, Number(expires) + 86400, sig].join("."), at(8))).to.deep.equal(invalid);
    const flipped = sig.slice(0, 10) + (sig[10] === "A" ? "B" : "A") + sig.slice(11);
    expect(checkApprovalToken(cfg, [id, letter, expires, flipped].join("."), NOW)).to.deep.equal(invalid);
    // a last character that decodes to the same bytes (base64url's spare bits) is still another token
    const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = sig.slice(0, 42) + B64[B64.indexOf(sig[42]) ^ 1];
    expect(Buffer.from(twin, "base64url").equals(Buffer.from(sig, "base64url"))).to.equal(true);
    expect(checkApprovalToken(cfg, [id, letter, expires, twin].join("."), NOW)).to.deep.equal(invalid);
    for (const junk of ["", "42", "42.a.1.x", `${token}.x`, token.replace(".", ""), `${id}.x.${expires}.${sig}`]) {
      expect(checkApprovalToken(cfg, junk, NOW), junk).to.deep.equal(invalid);
    }
    // an altered token says "invalid" even once its expiry has passed: nothing is learnt from it
    expect(checkApprovalToken(cfg, [43, letter, expires, sig].join("."), at(30))).to.deep.equal(invalid);
  });

  it("refuses a token made with another secret", () => {
    const other = { ...cfg, sessionSecret: "another-secret-of-at-least-32-characters!!" };
    expect(checkApprovalToken(cfg, approvalToken(other, 42, "approve", NOW), NOW)).to.deep.equal({ ok: false, reason: "invalid" });
  });

  it("refuses a valid token for the other decision when one is expected", () => {
    const reject = approvalToken(cfg, 42, "reject", NOW);
    expect(checkApprovalToken(cfg, reject, NOW, "approve")).to.deep.equal({ ok: false, reason: "invalid" });
    expect(checkApprovalToken(cfg, reject, NOW, "reject")).to.deep.include({ ok: true, decision: "reject" });
  });
});
