import { expect } from "chai";
import { makeUser } from "../factories";
import { configureMail, saveMail, startSmtp, type SmtpServer } from "../helpers/smtp";
import { withTransaction } from "../../src/platform/db/transaction";
import { queueMail, sendPending } from "../../src/platform/mail";
import { browserSuite, DESKTOP, expectFlash, fill, PHONE, screenshot, signIn, squash, STRINGS } from "./helpers";

describe("Browser: the email admin pages", function () {
  this.timeout(90_000);
  const suite = browserSuite();
  let smtp: SmtpServer;
  let restore: () => void = () => undefined;

  before(async () => {
    const { deps } = suite.server.ctx;
    smtp = await startSmtp();
    restore = saveMail(deps);
    configureMail(deps, smtp, { from: "IT Service Desk <servicedesk@example.org>" });
    await makeUser(deps, { username: "mail-admin", name: "Ada Admin", role: "admin" });
    // an outbox with some history: sent, failed (one try allowed), and waiting after the server was down
    const queue = (to: string, toName: string, locale: "en" | "fr", related?: { type: string; id: number }) =>
      withTransaction(deps.db, (tx) => queueMail(tx, deps, {
        to, toName, locale, template: "test", related,
        data: { admin: "Ada Admin", server: "smtp.example.org:587", from: "IT Service Desk <servicedesk@example.org>", queuedAt: deps.clock.now() },
      }));
    await queue("emma.martin@example.org", "Emma Martin", "en", { type: "ticket", id: 123 });
    await sendPending(deps);
    await queue("left.company@example.org", "Léo Ancien", "fr");
    await failWhileDown();
    await queue("severine.roux@example.org", "Séverine Roux", "fr", { type: "ticket", id: 124 });
    await smtp.stop();
    await sendPending(deps);
    await smtp.start();
    smtp.clear();
  });
  /** The server is down and only one try is allowed: what is due fails for good. */
  async function failWhileDown(): Promise<void> {
    const { deps } = suite.server.ctx;
    const max = deps.config.mail.maxAttempts;
    await smtp.stop();
    deps.config.mail.maxAttempts = 1;
    try {
      await sendPending(deps);
    } finally {
      deps.config.mail.maxAttempts = max;
      await smtp.start();
    }
  }
  after(async () => {
    restore();
    await smtp?.stop();
  });

  for (const lang of ["fr", "en"] as const) {
    it(`the admin sends a test email, reads the outbox and retries a failed message (${lang}, screenshots)`, async () => {
      const L = STRINGS[lang];
      const s = await suite.open();
      await signIn(s, "mail-admin", lang);
      await s.page.goto("/admin/mail");
      await s.page.getByRole("heading", { level: 1, name: L.mail.settings.title }).waitFor();
      const to = s.page.getByLabel(L.mail.settings.test_to, { exact: true });
      expect(await to.inputValue()).to.equal("mail-admin@example.org");
      await to.fill(`check-${lang}@example.org`);
      await s.page.getByRole("button", { name: L.mail.settings.test_submit, exact: true }).click();
      await expectFlash(s.page, squash(fill(L.mail.flash.test_sent, { to: `check-${lang}@example.org` })));
      const mail = (await smtp.waitFor(1)).find((m) => m.envelope.to[0] === `check-${lang}@example.org`);
      expect(mail?.parsed.subject).to.equal(L.mail.templates.test.subject);
      await screenshot(s.page, `mail-settings-${lang}`, lang);

      await s.page.getByRole("link", { name: L.mail.nav.outbox, exact: true }).click();
      await s.page.getByRole("heading", { level: 1, name: L.mail.outbox.title }).waitFor();
      await s.page.locator("#outbox").getByText("left.company@example.org").waitFor();
      await screenshot(s.page, `mail-outbox-${lang}`, lang);

      await s.page.getByRole("link", { name: new RegExp(`^${L.mail.statuses.failed}`) }).click();
      await s.page.waitForURL(/status=failed/);
      const retry = s.page.getByRole("button", { name: fill(L.mail.outbox.retry_label, { to: "left.company@example.org" }) });
      await retry.click();
      await expectFlash(s.page, L.mail.flash.retried);
      expect(new URL(s.page.url()).search).to.equal("?status=failed");
      await screenshot(s.page, `mail-outbox-retried-${lang}`, lang);
      // failed once more, for the other language's run
      await failWhileDown();
      await suite.finish();
    });
  }

  it("a wrong port is shown next to its field, announced, with what was typed (en)", async () => {
    const s = await suite.open();
    s.problems.expectDocument("/admin/mail", 422);
    await signIn(s, "mail-admin", "en");
    await s.page.goto("/admin/mail");
    await s.page.getByLabel(STRINGS.en.mail.settings.port, { exact: true }).fill("70000");
    await s.page.getByRole("button", { name: STRINGS.en.mail.settings.save, exact: true }).click();
    const port = s.page.locator("#f-port");
    expect(await port.getAttribute("aria-invalid")).to.equal("true");
    expect((await port.getAttribute("aria-describedby"))?.split(/\s+/)).to.include("port-error");
    expect(await s.page.locator("#port-error").isVisible()).to.equal(true);
    expect(await s.page.locator("#port-error").textContent()).to.equal(STRINGS.en.mail.errors.port);
    expect(await s.page.getByLabel(STRINGS.en.mail.settings.port, { exact: true }).inputValue()).to.equal("70000");
    await suite.finish();
  });

  it("the outbox on a phone, and the test email as a phone and a desktop show it (screenshots)", async () => {
    const s = await suite.open(PHONE);
    await signIn(s, "mail-admin", "fr");
    await s.page.goto("/admin/mail/outbox");
    await s.page.getByRole("heading", { level: 1, name: STRINGS.fr.mail.outbox.title }).waitFor();
    // the table scrolls inside its box: the page itself is no wider than the phone
    expect(await s.page.evaluate("document.documentElement.scrollWidth") as number).to.be.at.most(PHONE.width);
    await screenshot(s.page, "mail-outbox-phone-fr", "fr");
    const french = smtp.messages.find((m) => m.envelope.to[0] === "check-fr@example.org");
    expect(french?.parsed.html).to.be.a("string");
    for (const [name, viewport] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
      const view = await suite.open(viewport);
      await view.page.setContent(french!.parsed.html as string);
      await view.page.getByText("Bonjour,").waitFor();
      // readable on a phone: nothing wider than the screen
      const width = await view.page.evaluate("document.documentElement.scrollWidth") as number;
      expect(width).to.be.at.most(viewport.width);
      await screenshot(view.page, `mail-email-test-fr-${name}`, "fr");
    }
    await suite.finish();
  });
});
