import { expect } from "chai";
import { loadConfig, type Config } from "../../src/platform/config";
import { checkSurveyToken, surveyMailData, surveyOpen, surveySubject, surveyToken } from "../../src/modules/reporting/survey-token";
import { approvalToken, checkApprovalToken } from "../../src/modules/catalog/approval-token";
import { checkSignedLink, signedLink } from "../../src/platform/signed-link";

const NOW = new Date("2026-11-23T09:00:00Z");
const DAY = 24 * 3600_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

describe("unit: satisfaction survey link tokens", () => {
  let cfg: Config;
  before(() => {
    cfg = loadConfig();
  });

  it("reads back the ticket and its requester until it expires (reports.surveyLinkDays)", () => {
    expect(cfg.reports.surveyLinkDays).to.equal(14);
    const token = surveyToken(cfg, 42, 7, NOW);
    expect(token).to.match(/^42\.7\.\d+\.[A-Za-z0-9_-]{43}$/);
    const ok = checkSurveyToken(cfg, token, at(13.9));
    expect(ok).to.deep.include({ ok: true, ticketId: 42, requesterId: 7 });
    expect(ok.ok && ok.expiresAt.getTime()).to.equal(at(14).getTime());
  });

  it("refuses it once expired, still naming the ticket (the page sends to the portal)", () => {
    const token = surveyToken(cfg, 42, 7, NOW);
    expect(checkSurveyToken(cfg, token, at(14))).to.deep.equal({ ok: false, reason: "expired", ticketId: 42, requesterId: 7 });
    const short = { ...cfg, reports: { ...cfg.reports, surveyLinkDays: 1 } };
    const brief = surveyToken(short, 42, 7, NOW);
    expect(checkSurveyToken(short, brief, at(0.9)).ok).to.equal(true);
    expect(checkSurveyToken(short, brief, at(1.1))).to.deep.include({ ok: false, reason: "expired" });
  });

  it("refuses a tampered token: another ticket, another requester, a later expiry, a changed signature, junk", () => {
    const token = surveyToken(cfg, 42, 7, NOW);
    const [ticket, requester, expires, sig] = token.split(".");
    const invalid = { ok: false, reason: "invalid" };
    expect(checkSurveyToken(cfg, [43, requester, expires, sig].join("."), NOW)).to.deep.equal(invalid);
    expect(checkSurveyToken(cfg, [ticket, 8, expires, sig].join("."), NOW)).to.deep.equal(invalid);
    expect(checkSurveyToken(cfg, [ticket, requester, Number(expires) + 86400, sig].join("."), at(20))).to.deep.equal(invalid);
    const flipped = sig.slice(0, 5) + (sig[5] === "A" ? "B" : "A") + sig.slice(6);
    expect(checkSurveyToken(cfg, [ticket, requester, expires, flipped].join("."), NOW)).to.deep.equal(invalid);
    for (const junk of ["", "42", "42.7.1.x", `${token}.x`, `x${token}`, token.replace(".", ""), `${ticket}.a.${expires}.${sig}`]) {
      expect(checkSurveyToken(cfg, junk, NOW), junk).to.deep.equal(invalid);
    }
    // altered and expired: still "invalid", nothing is learnt
    expect(checkSurveyToken(cfg, [43, requester, expires, sig].join("."), at(30))).to.deep.equal(invalid);
  });

  it("has its own purpose: an approval token is never a survey token, nor the reverse; another secret is refused", () => {
    const approval = approvalToken(cfg, 42, "approve", NOW);
    expect(checkSurveyToken(cfg, approval, NOW)).to.deep.equal({ ok: false, reason: "invalid" });
    // the same fields signed for another purpose
    const [id, requester] = surveyToken(cfg, 42, 7, NOW).split(".");
    const forged = signedLink(cfg, "approval-links", [id, requester], NOW, 14);
    expect(checkSurveyToken(cfg, forged, NOW)).to.deep.equal({ ok: false, reason: "invalid" });
    expect(checkSignedLink(cfg, "approval-links", forged, /^(\d+)\.(\d+)$/, NOW).ok).to.equal(true);
    expect(checkApprovalToken(cfg, surveyToken(cfg, 42, 7, NOW), NOW)).to.deep.equal({ ok: false, reason: "invalid" });
    const other = { ...cfg, sessionSecret: "another-secret-of-at-least-32-characters!!" };
    expect(checkSurveyToken(cfg, surveyToken(other, 42, 7, NOW), NOW)).to.deep.equal({ ok: false, reason: "invalid" });
  });

  it("puts the links in the requester's resolution email only, or in the closing one when surveyOn is closed", () => {
    const ticket = { id: 42, requesterId: 7 };
    const data = surveyMailData(cfg, "ticket_resolved", ticket, 7, NOW);
    expect(data?.surveyDays).to.equal(14);
    expect(checkSurveyToken(cfg, data!.surveyPath.replace("/survey/", ""), NOW)).to.deep.include({ ok: true, ticketId: 42, requesterId: 7 });
    expect(surveyMailData(cfg, "ticket_resolved", ticket, 8, NOW), "a follower").to.equal(null);
    expect(surveyMailData(cfg, "ticket_closed", ticket, 7, NOW)).to.equal(null);
    const onClose = { ...cfg, reports: { ...cfg.reports, surveyOn: "closed" as const } };
    expect(surveyMailData(onClose, "ticket_resolved", ticket, 7, NOW)).to.equal(null);
    expect(surveyMailData(onClose, "ticket_closed", ticket, 7, NOW)?.surveyPath).to.match(/^\/survey\/42\.7\./);
  });

  it("opens the survey on resolved or closed tickets (closed only when surveyOn is closed), never on a merged, duplicate or refused one", () => {
    const onClose = { ...cfg, reports: { ...cfg.reports, surveyOn: "closed" as const } };
    const t = (status: string, mergedIntoId: number | null = null, resolutionCode: string | null = "fixed") => ({ status, mergedIntoId, resolutionCode });
    expect(["new", "open", "pending", "escalated", "resolved", "closed"].filter((s) => surveyOpen(cfg, t(s)))).to.deep.equal(["resolved", "closed"]);
    expect(["resolved", "closed"].filter((s) => surveyOpen(onClose, t(s)))).to.deep.equal(["closed"]);
    expect(surveyOpen(cfg, t("closed", 3))).to.equal(false);
    expect(surveyOpen(cfg, t("closed", null, "cancelled"))).to.equal(false);
    expect(surveyOpen(cfg, t("closed", null, "duplicate"))).to.equal(false);
  });

  it("tells survey.policy whether the ticket may be rated now and whether its answer is low (2 or under)", () => {
    const t = { requesterId: 1, tier: 1, tiersVisited: 1, assigneeId: 2, major: false, status: "resolved", mergedIntoId: null, resolutionCode: "fixed" };
    expect(surveySubject(cfg, t, null)).to.deep.equal({ requesterId: 1, tier: 1, tiersVisited: 1, assigneeId: 2, major: false, mergedIntoId: null, open: true, low: false });
    expect([1, 2, 3, 5].map((score) => surveySubject(cfg, t, { score }).low)).to.deep.equal([true, true, false, false]);
    expect(surveySubject(cfg, { ...t, status: "open" }, { score: 1 })).to.include({ open: false, low: true });
  });
});
