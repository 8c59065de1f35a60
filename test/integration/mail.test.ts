import { expect } from "chai";
import type { TestContext } from "../helpers/context";
import { type SmtpServer, configureMail, mailOff, smtpSuite, startSmtp } from "../helpers/smtp";
import { withTransaction } from "../../src/platform/db/transaction";
import { putSetting } from "../../src/platform/db/settings";
import { invalidateReference } from "../../src/platform/db/reference-cache";
import { runJob } from "../../src/platform/jobs";
import { jobDefinitions } from "../../src/jobs";
import {
  MAIL_LEASE_MS, MAIL_OUTBOX_JOB, MAIL_SETTING_KEY, MailOutboxRow, mailOutboxJob, queueMail, retryDelayMs, retryFailed, sendPending,
  type OutgoingMail,
} from "../../src/platform/mail";

const MINUTE = 60_000;

describe("integration: mail outbox against a real SMTP server", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let smtp: SmtpServer;
  const outbox = () => ctx.deps.db.getRepository(MailOutboxRow).find({ order: { id: "ASC" } });
  const row = async (id: number) => ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ id });
  const message = (over: Partial<OutgoingMail> = {}): OutgoingMail => ({
    to: "emma@example.org", toName: "Emma Leroy", locale: "en", template: "test",
    data: { admin: "Ada Admin", server: "smtp.example.org:587", from: "Niveau <niveau@example.org>", queuedAt: new Date("2026-11-23T09:00:00Z") },
    ...over,
  });
  const queue = (over: Partial<OutgoingMail> = {}) => withTransaction(ctx.deps.db, (tx) => queueMail(tx, ctx.deps, message(over)));

  const suite = smtpSuite({ maxAttempts: 8, from: "IT Service Desk <servicedesk@example.org>" });
  beforeEach(async () => {
    ({ ctx, smtp } = suite);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const boom = new Error("the ticket change failed");
    const err = await withTransaction(ctx.deps.db, async (tx) => {
      await queueMail(tx, ctx.deps, message());
      throw boom;
    }).catch((e: unknown) => e);
    expect(err).to.equal(boom);
    expect(await outbox()).to.deep.equal([]);
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 0, held: 0 });
    expect(smtp.messages).to.have.length(0);
  });

  it("renders in the recipient's language and delivers both parts, English and French", async () => {
    const enId = await queue({ related: { type: "ticket", id: 123 } });
    const frId = await queue({ to: "elodie@example.org", toName: "Élodie Dupré", locale: "fr" });
    const queued = await row(frId);
    expect(queued).to.include({ status: "pending", attempts: 0, subject: "E-mail de test de Niveau", template: "test", locale: "fr" });
    expect((await row(enId))).to.include({ relatedType: "ticket", relatedId: 123 });

    ctx.clock.advance(5000);
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 2, failed: 0, retried: 0, held: 0 });
    const [en, fr] = smtp.messages;
    expect(en.envelope).to.deep.equal({ from: "servicedesk@example.org", to: ["emma@example.org"] });
    expect(en.parsed.subject).to.equal("Niveau test email");
    expect(en.parsed.from?.value[0]).to.deep.include({ name: "IT Service Desk", address: "servicedesk@example.org" });
    expect((en.parsed.to as { value: { name: string; address: string }[] }).value[0]).to.deep.include({ name: "Emma Leroy", address: "emma@example.org" });
    expect(en.parsed.text).to.contain("Hello Emma Leroy,");
    expect(en.parsed.text).to.contain("Ada Admin sent this test");
    expect(en.parsed.text).to.contain("Server: smtp.example.org:587");
    expect(en.parsed.text).to.contain("http://127.0.0.1:3000/admin/mail/outbox");
    expect(en.parsed.text).to.not.contain("&lt;");
    expect(en.parsed.text).to.contain("Niveau <niveau@example.org>");
    expect(en.parsed.html).to.contain('<html lang="en">');
    expect(en.parsed.html).to.contain("Hello Emma Leroy,");
    expect(en.parsed.html).to.contain("Niveau &lt;niveau@example.org&gt;");
    expect(en.parsed.html).to.contain('href="http://127.0.0.1:3000/admin/mail/outbox"');
    expect(en.parsed.headers.get("auto-submitted")).to.equal("auto-generated");

    expect(fr.envelope.to).to.deep.equal(["elodie@example.org"]);
    expect(fr.parsed.subject).to.equal("E-mail de test de Niveau");
    expect(fr.parsed.text).to.contain("Bonjour Élodie Dupré,");
    expect(fr.parsed.text).to.contain("Serveur\u00a0: smtp.example.org:587");
    expect(fr.parsed.text).to.contain("23 nov. 2026");
    expect(fr.parsed.html).to.contain('<html lang="fr">');
    expect(fr.parsed.html).to.contain("Si vous le lisez, Niveau sait envoyer des e-mails.");

    const sent = await row(enId);
    expect(sent).to.include({ status: "sent", attempts: 1, lastError: null, claimedBy: null });
    expect(sent.sentAt?.toISOString()).to.equal("2026-11-23T09:00:05.000Z");
    expect(sent.messageId).to.equal(en.parsed.messageId);
    expect(sent.messageId).to.match(/^<niveau\.\d+\.\d+@example\.org>$/);
    // nothing is sent twice
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 0, held: 0 });
    expect(smtp.messages).to.have.length(2);
  });

  it("keeps the message when the SMTP server is down, and sends it once when it is back and the time has come", async () => {
    const id = await queue();
    await smtp.stop();
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 1, held: 0 });
    const waiting = await row(id);
    expect(waiting).to.include({ status: "pending", attempts: 1, claimedBy: null, sentAt: null });
    expect(waiting.lastError).to.match(/ECONNREFUSED/);
    expect(waiting.nextAttemptAt.getTime()).to.equal(ctx.clock.now().getTime() + MINUTE);

    await smtp.start();
    // not due yet: nothing is tried
    ctx.clock.advance(30_000);
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 0, held: 0 });
    ctx.clock.advance(30_000);
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 1, failed: 0, retried: 0, held: 0 });
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 0, held: 0 });
    expect(smtp.messages).to.have.length(1);
    expect(await row(id)).to.include({ status: "sent", attempts: 2, lastError: null });
  });

  it("waits 1, 2, 4, 8 ... minutes between tries, at most an hour, then gives up after maxAttempts", async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / MINUTE)).to.deep.equal([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    ctx.deps.config.mail.maxAttempts = 4;
    const id = await queue();
    await smtp.stop();
    const waits: number[] = [];
    for (let i = 1; i <= 3; i++) {
      expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 1, held: 0 });
      const r = await row(id);
      expect(r.attempts).to.equal(i);
      waits.push((r.nextAttemptAt.getTime() - ctx.clock.now().getTime()) / MINUTE);
      ctx.clock.set(r.nextAttemptAt);
    }
    expect(waits).to.deep.equal([1, 2, 4]);
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 1, retried: 0, held: 0 });
    const failed = await row(id);
    expect(failed).to.include({ status: "failed", attempts: 4, claimedBy: null });
    expect(failed.lastError).to.match(/ECONNREFUSED/);
    // a failed message is not tried again by itself
    ctx.clock.advance(24 * 60 * MINUTE);
    await smtp.start();
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 0, held: 0 });

    // retry: pending again, due now, its tries kept; then sent
    expect(await withTransaction(ctx.deps.db, (tx) => retryFailed(tx, ctx.clock.now(), id))).to.equal(1);
    expect(await row(id)).to.include({ status: "pending", attempts: 4 });
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 1, failed: 0, retried: 0, held: 0 });
    expect(await row(id)).to.include({ status: "sent", attempts: 5, lastError: null });
    expect(smtp.messages).to.have.length(1);
    // only a failed message can be retried
    expect(await withTransaction(ctx.deps.db, (tx) => retryFailed(tx, ctx.clock.now(), id))).to.equal(0);
  });

  it("gives up at once when the server refuses the recipient for good (5xx)", async () => {
    smtp.rejected.add("gone@example.org");
    const gone = await queue({ to: "gone@example.org" });
    const fine = await queue();
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 1, failed: 1, retried: 0, held: 0 });
    const r = await row(gone);
    expect(r).to.include({ status: "failed", attempts: 1 });
    expect(r.lastError).to.contain("550");
    expect(await row(fine)).to.include({ status: "sent" });
  });

  it("never sends a message twice when two senders run at the same time", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await queue({ to: `person${i}@example.org` }));
    const [a, b] = await Promise.all([sendPending(ctx.deps), sendPending(ctx.deps)]);
    expect(a.sent + b.sent).to.equal(12);
    expect(a.failed + b.failed + a.retried + b.retried).to.equal(0);
    const recipients = smtp.messages.map((m) => m.envelope.to[0]).sort();
    expect(recipients).to.deep.equal(ids.map((_, i) => `person${i}@example.org`).sort());
    expect(new Set(smtp.messages.map((m) => m.parsed.messageId)).size).to.equal(12);
    expect((await outbox()).every((m) => m.status === "sent" && m.attempts === 1)).to.equal(true);
  });

  it("takes over a message whose sender died mid-send once its lease has run out", async () => {
    const id = await queue();
    // as a process leaves it when it dies after claiming the row
    await ctx.deps.db.getRepository(MailOutboxRow).update({ id }, {
      status: "sending", attempts: 1, claimedBy: "dead-host:1:abc", nextAttemptAt: new Date(ctx.clock.now().getTime() + MAIL_LEASE_MS),
    });
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 0, held: 0 });
    ctx.clock.advance(MAIL_LEASE_MS);
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 1, failed: 0, retried: 0, held: 0 });
    expect(await row(id)).to.include({ status: "sent", attempts: 2, claimedBy: null });
    expect(smtp.messages).to.have.length(1);
  });

  it("holds messages while mail is off and sends them once a server is set", async () => {
    mailOff(ctx.deps);
    const id = await queue();
    expect(await row(id)).to.include({ status: "held", attempts: 0 });
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 0, held: 0 });
    expect(await row(id)).to.include({ status: "held" });

    // a message queued before mail was turned off is held too
    configureMail(ctx.deps, smtp);
    const earlier = await queue();
    mailOff(ctx.deps);
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 0, held: 1 });
    expect(await row(earlier)).to.include({ status: "held" });
    expect(smtp.messages).to.have.length(0);

    // the admin page sets a host: everything held goes out
    await withTransaction(ctx.deps.db, (tx) => putSetting(tx, MAIL_SETTING_KEY, { host: smtp.host, port: smtp.port }));
    invalidateReference(ctx.deps.db);
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 2, failed: 0, retried: 0, held: 0 });
    expect(await row(id)).to.include({ status: "sent", attempts: 1 });
    expect(smtp.messages).to.have.length(2);
  });

  it("signs in to a server that requires it; a refused sign-in is tried again (the password may be fixed)", async () => {
    const secured = await startSmtp({ auth: { user: "niveau", password: "smtp-secret" } });
    try {
      configureMail(ctx.deps, secured, { user: "niveau", password: "wrong" });
      const id = await queue();
      expect(await sendPending(ctx.deps)).to.deep.include({ sent: 0, retried: 1 });
      expect((await row(id)).lastError).to.match(/535|EAUTH/);
      configureMail(ctx.deps, secured, { user: "niveau", password: "smtp-secret" });
      ctx.clock.advance(MINUTE);
      expect(await sendPending(ctx.deps)).to.deep.include({ sent: 1 });
      expect(secured.messages.map((m) => m.user)).to.deep.equal(["niveau"]);
    } finally {
      await secured.stop();
    }
  });

  it("keeps an address SMTP cannot carry as failed without failing the caller's change", async () => {
    const id = await queue({ to: "not an address" });
    const r = await row(id);
    expect(r).to.include({ status: "failed", attempts: 0 });
    expect(r.lastError).to.contain("Invalid recipient address");
    expect(await sendPending(ctx.deps)).to.deep.equal({ sent: 0, failed: 0, retried: 0, held: 0 });
  });

  it("refuses a template that does not exist (a programming error)", async () => {
    const err = await queue({ template: "no-such-template" }).catch((e: unknown) => e as Error);
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.contain("no-such-template");
    const traversal = await queue({ template: "../layout-top" }).catch((e: unknown) => e as Error);
    expect((traversal as Error).message).to.contain("No email template");
    expect(await outbox()).to.deep.equal([]);
  });

  it("is the registered mail-outbox job, run every minute, with its counts recorded", async () => {
    const def = jobDefinitions().find((d) => d.name === MAIL_OUTBOX_JOB);
    expect(def?.defaultSchedule).to.equal("* * * * *");
    await queue();
    await queue({ to: "other@example.org" });
    const run = await runJob(ctx.deps, mailOutboxJob(), { trigger: "manual" });
    expect(run.outcome).to.equal("success");
    expect(run.counts).to.deep.equal({ sent: 2, failed: 0, retried: 0, held: 0, pruned: 0 });
    expect(smtp.messages).to.have.length(2);
  });
});
