import request from "supertest";
import { expect } from "chai";
import { type ReceivedMail, smtpSuite } from "../helpers/smtp";
import { makeUser } from "../factories";
import { approvalOf, makeItem, order, setManager } from "../helpers/catalog-fixtures";
import { sendPending } from "../../src/platform/mail";
import { decideApproval } from "../../src/modules/catalog/commands/decide-approval";
import { loadActor } from "../../src/modules/users/queries/load-actor";

const BASE = "http://127.0.0.1:3000";

describe("integration: approval emails against a real SMTP server", function () {
  this.timeout(30_000);
  const suite = smtpSuite({ from: "IT Service Desk <servicedesk@example.org>" });
  const deliver = async (): Promise<ReceivedMail[]> => {
    const { ctx, smtp } = suite;
    const { sent } = await sendPending(ctx.deps);
    const got = sent ? [...(await smtp.waitFor(sent))] : [];
    smtp.clear();
    return got;
  };
  const to = (m: ReceivedMail) => m.envelope.to.join(",");

  it("asks the approver in their language, with the answers and two working one-click links; then tells the requester", async () => {
    const { ctx } = suite;
    const emp = await makeUser(ctx.deps, { username: "am-emp", name: "Emma Leroy" });
    const boss = await makeUser(ctx.deps, { username: "am-boss", name: "Élodie Dupré", locale: "fr" });
    await setManager(ctx.deps, emp, boss);
    await order(ctx.deps, emp, await makeItem(ctx.deps, { approval: "manager" }), { model: "MacBook", notes: "Pour <Marc> & co" });
    const mails = await deliver();
    const ask = mails.find((m) => to(m) === "am-boss@example.org")!;
    expect(mails.map(to).sort()).to.deep.equal(["am-boss@example.org", "am-emp@example.org"]);
    expect(ask.parsed.subject).to.equal("[REQ-000001] Votre approbation est nécessaire\u00a0: New laptop");
    const text = ask.parsed.text ?? "";
    expect(text).to.contain("Bonjour Élodie Dupré,").and.contain("Emma Leroy demande «\u00a0New laptop\u00a0» (REQ-000001)");
    expect(text).to.contain("  Model\u00a0: MacBook\n  Notes\u00a0: Pour <Marc> & co");
    const html = String(ask.parsed.html);
    expect(html).to.contain("Pour &lt;Marc&gt; &amp; co").and.not.contain("<Marc>");
    const approve = new RegExp(`href="${BASE}(/approvals/email/\\d+\\.a\\.[^"]+)"`).exec(html)![1];
    const reject = new RegExp(`href="${BASE}(/approvals/email/\\d+\\.r\\.[^"]+)"`).exec(html)![1];
    expect(text).to.contain(`${BASE}${approve}`).and.contain(`${BASE}${reject}`);
    // the links of the message open the confirmation pages
    expect((await request(ctx.app).get(approve).expect(200)).text).to.contain("Approve REQ-000001?");
    expect((await request(ctx.app).get(reject).expect(200)).text).to.contain('name="reason"');

    const approval = await approvalOf(ctx.deps, 1);
    await decideApproval(ctx.deps, (await loadActor(ctx.deps.db.manager, boss.id))!, approval.id, { decision: "reject", reason: "Pas cette année.\nL’an prochain.", via: "email" });
    const [told, ...rest] = await deliver();
    expect(rest).to.deep.equal([]);
    expect(to(told)).to.equal("am-emp@example.org");
    expect(told.parsed.subject).to.equal("[REQ-000001] Not approved: New laptop");
    expect(told.parsed.text).to.contain("Élodie Dupré did not approve your request REQ-000001 “New laptop”, so it is closed.")
      .and.contain("> Pas cette année.\n> L’an prochain.").and.contain(`${BASE}/tickets/REQ-000001`);
  });
});
