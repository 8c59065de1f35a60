import { expect } from "chai";
import type { TestContext } from "../helpers/context";
import { type ReceivedMail, type SmtpServer, smtpSuite } from "../helpers/smtp";
import { makeAgent, makeTicket, makeUser } from "../factories";
import type { Actor } from "../../src/access/actor";
import { withTransaction } from "../../src/platform/db/transaction";
import { MailOutboxRow, sendPending } from "../../src/platform/mail";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { notify, type Notice } from "../../src/modules/notifications/notify";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { assertTransition, saveChange } from "../../src/modules/tickets/workflow";
import { tellAbout } from "../../src/modules/tickets/commands/run";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { closeTicket } from "../../src/modules/tickets/commands/close-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";

const BASE = "http://127.0.0.1:3000";
const to = (m: ReceivedMail) => m.envelope.to.join(",");

describe("integration: ticket lifecycle mail against a real SMTP server", function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let smtp: SmtpServer;
  let emp: Actor;
  let n1: Actor;
  let n1b: Actor;
  let n2: Actor;
  let n2b: Actor;

  const outbox = () => ctx.deps.db.getRepository(MailOutboxRow).find({ order: { id: "ASC" } });
  const notices = () => ctx.deps.db.getRepository(Notification).find({ order: { id: "ASC" } });
  /** What the outbox job would send now, as the SMTP server received it; the server is then emptied. */
  const deliver = async (): Promise<ReceivedMail[]> => {
    const { sent } = await sendPending(ctx.deps);
    const got = sent ? [...(await smtp.waitFor(sent))] : [];
    smtp.clear();
    return got;
  };
  const body = (m: ReceivedMail) => m.parsed.text ?? "";
  const reply = (who: Actor, id: number, text: string, internal = false) => addComment(ctx.deps, who, id, { body: text, internal, files: [] });

  const suite = smtpSuite({ from: "IT Service Desk <servicedesk@example.org>" });
  beforeEach(async () => {
    ({ ctx, smtp } = suite);
    emp = await makeUser(ctx.deps, { username: "tm-emp", name: "Emma Leroy" });
    n1 = await makeAgent(ctx.deps, 1, { username: "tm-n1", name: "Noah Martin" });
    n1b = await makeAgent(ctx.deps, 1, { username: "tm-n1b", name: "Nina Bauer" });
    n2 = await makeAgent(ctx.deps, 2, { username: "tm-n2", name: "Theo Roux" });
    n2b = await makeAgent(ctx.deps, 2, { username: "tm-n2b", name: "Tara Blanc" });
  });

  it("acknowledges a new ticket to its requester, in their language, with the number first in the subject", async () => {
    const t = await makeTicket(ctx.deps, emp, { title: "VPN drops every hour" });
    const elodie = await makeUser(ctx.deps, { username: "tm-fr", name: "Élodie Dupré", locale: "fr" });
    // staff logging one for someone else: the requester is acknowledged, the agent is not
    await makeTicket(ctx.deps, n1, { title: "Imprimante hors ligne", requester: "tm-fr" });
    const [en, fr, ...rest] = await deliver();
    expect(rest).to.deep.equal([]);

    expect(to(en)).to.equal("tm-emp@example.org");
    expect(en.parsed.subject).to.equal(`[INC-000001] We received your request: VPN drops every hour`);
    expect(body(en)).to.contain("Hello Emma Leroy,").and.contain("Your ticket INC-000001 “VPN drops every hour” is registered.");
    expect(body(en)).to.contain("The service desk will take it in hand");
    expect(body(en)).to.contain(`${BASE}/tickets/INC-000001`);
    expect(en.parsed.html).to.contain(`href="${BASE}/tickets/INC-000001"`);
    expect(formatNumber(t.type, t.id)).to.equal("INC-000001");

    expect(to(fr)).to.equal("tm-fr@example.org");
    // the no-break space of French typography survives in the subject
    expect(fr.parsed.subject).to.equal("[INC-000002] Nous avons bien reçu votre demande\u00a0: Imprimante hors ligne");
    expect(body(fr)).to.contain("Bonjour Élodie Dupré,").and.contain("Votre ticket INC-000002 «\u00a0Imprimante hors ligne\u00a0» est enregistré.");
    expect(fr.parsed.html).to.contain('<html lang="fr">');
    // the bell hears of it too, with the same values
    const bell = (await notices()).filter((n) => n.userId === elodie.id);
    expect(bell.map((n) => [n.kind, n.params])).to.deep.equal([["ticket_created", { number: "INC-000002", title: "Imprimante hors ligne" }]]);
    expect((await notices()).some((n) => n.userId === n1.id)).to.equal(false);
  });

  it("mails a public staff reply to the requester, quoted and escaped, and an internal note to nobody", async () => {
    const t = await makeTicket(ctx.deps, emp);
    await deliver();
    await takeTicket(ctx.deps, n1, t.id);
    expect(await deliver(), "taking a ticket mails nobody").to.deep.equal([]);

    await reply(n1, t.id, "Internal: the gateway logs show <timeouts> & resets.", true);
    expect(await deliver(), "an internal note mails nobody").to.deep.equal([]);
    expect((await notices()).filter((n) => n.kind === "ticket_reply")).to.deep.equal([]);

    await reply(n1, t.id, "Please restart the client <b>twice</b> & tell me.\nThen send the log.");
    const [m, ...rest] = await deliver();
    expect(rest).to.deep.equal([]);
    expect(to(m)).to.equal("tm-emp@example.org");
    expect(m.parsed.subject).to.equal("[INC-000001] New reply: VPN drops every hour");
    expect(body(m)).to.contain("Noah Martin replied on INC-000001 “VPN drops every hour”:");
    expect(body(m)).to.contain("> Please restart the client <b>twice</b> & tell me.\n> Then send the log.");
    expect(body(m)).to.not.contain("Internal:");
    expect(m.parsed.html).to.contain("Please restart the client &lt;b&gt;twice&lt;/b&gt; &amp; tell me.<br>Then send the log.");
    expect(m.parsed.html).to.not.contain("<b>twice</b>");
    expect(m.parsed.html).to.contain(`href="${BASE}/tickets/INC-000001#reply-body"`);
    // the bell says who replied, not the reply itself
    const [notice] = (await notices()).filter((n) => n.kind === "ticket_reply");
    expect(notice).to.include({ userId: emp.id });
    expect(notice.params).to.deep.equal({ number: "INC-000001", title: "VPN drops every hour", name: "Noah Martin" });
  });

  it("mails the requester's reply to the assignee, or to the group's members when nobody is assigned", async () => {
    const t = await makeTicket(ctx.deps, emp);
    await deliver();
    await reply(emp, t.id, "It happened again at 10:05.");
    const unassigned = await deliver();
    expect(unassigned.map(to).sort()).to.deep.equal(["tm-n1@example.org", "tm-n1b@example.org"]);

    await takeTicket(ctx.deps, n1, t.id);
    await reply(emp, t.id, "And at 11:05.");
    const [m, ...rest] = await deliver();
    expect(rest).to.deep.equal([]);
    expect(to(m)).to.equal("tm-n1@example.org");
    expect(m.parsed.subject).to.equal("[INC-000001] New reply: VPN drops every hour");
    expect(body(m)).to.contain("Hello Noah Martin,").and.contain("Emma Leroy replied on INC-000001").and.contain("> And at 11:05.");
  });

  it("asks the requester for what is awaited when the ticket waits on them, not when it waits on a third party", async () => {
    const t = await makeTicket(ctx.deps, emp);
    const t2 = await makeTicket(ctx.deps, emp, { title: "New laptop" });
    await deliver();
    await takeTicket(ctx.deps, n1, t.id);
    await setPending(ctx.deps, n1, t.id, { reason: "requester", note: "The serial number of your laptop, please." });
    await takeTicket(ctx.deps, n1, t2.id);
    await setPending(ctx.deps, n1, t2.id, { reason: "third_party", note: "Waiting on the supplier." });
    const [m, ...rest] = await deliver();
    expect(rest).to.deep.equal([]);
    expect(to(m)).to.equal("tm-emp@example.org");
    expect(m.parsed.subject).to.equal("[INC-000001] Your answer is needed: VPN drops every hour");
    expect(body(m)).to.contain("What we are waiting for:\n> The serial number of your laptop, please.");
    expect(body(m)).to.contain(`${BASE}/tickets/INC-000001#reply-body`);
  });

  it("offers the requester both links when the ticket is resolved, and tells them when the desk closes it", async () => {
    const t = await makeTicket(ctx.deps, emp);
    await deliver();
    await takeTicket(ctx.deps, n1, t.id);
    await resolveTicket(ctx.deps, n1, t.id, { resolution: "Updated the VPN client to 5.2.", code: "fixed" });
    const [m, ...rest] = await deliver();
    expect(rest).to.deep.equal([]);
    expect(to(m)).to.equal("tm-emp@example.org");
    expect(m.parsed.subject).to.equal("[INC-000001] Resolved: VPN drops every hour");
    expect(body(m)).to.contain("> Updated the VPN client to 5.2.");
    expect(body(m)).to.contain(`It works — close it: ${BASE}/tickets/INC-000001#confirm`);
    expect(body(m)).to.contain(`Still broken — reopen: ${BASE}/tickets/INC-000001#reopen-reason`);
    expect(m.parsed.html).to.contain(`href="${BASE}/tickets/INC-000001#confirm"`).and.contain("It works — close it");
    expect(m.parsed.html).to.contain(`href="${BASE}/tickets/INC-000001#reopen-reason"`).and.contain("Still broken — reopen");

    // the requester closing it themselves hears nothing of their own change
    await closeTicket(ctx.deps, emp, t.id);
    expect(await deliver()).to.deep.equal([]);

    const t2 = await makeTicket(ctx.deps, emp, { title: "Mouse" });
    await takeTicket(ctx.deps, n1, t2.id);
    await resolveTicket(ctx.deps, n1, t2.id, { resolution: "Replaced.", code: "fixed" });
    await deliver();
    await closeTicket(ctx.deps, n1, t2.id);
    const [closed, ...more] = await deliver();
    expect(more).to.deep.equal([]);
    expect(to(closed)).to.equal("tm-emp@example.org");
    expect(closed.parsed.subject).to.equal("[INC-000002] Closed: Mouse");
    expect(body(closed)).to.contain(`${BASE}/profile#notification-prefs`);
  });

  it("tells the new tier's group of an escalation with the reason and the note, never the escalating agent", async () => {
    // the escalating agent is also a member of the N2 group
    const both = await makeUser(ctx.deps, { username: "tm-both", name: "Bo Both", role: "agent", groups: ["N1 Service Desk", "N2 Support"] });
    const t = await makeTicket(ctx.deps, emp);
    await deliver();
    await takeTicket(ctx.deps, both, t.id);
    await escalateTicket(ctx.deps, both, t.id, { groupId: null, reason: "Needs the firewall team", note: "Client reinstalled; drops persist.\nLogs attached." });
    const got = await deliver();
    expect(got.map(to).sort()).to.deep.equal(["tm-n2@example.org", "tm-n2b@example.org"]);
    const m = got[0];
    expect(m.parsed.subject).to.equal("[INC-000001] Escalated to N2: VPN drops every hour");
    expect(body(m)).to.contain("Bo Both escalated INC-000001 “VPN drops every hour” to N2, your group's tier (N2 Support).");
    expect(body(m)).to.contain("Reason:\n> Needs the firewall team");
    expect(body(m)).to.contain("Hand-over note:\n> Client reinstalled; drops persist.\n> Logs attached.");
    expect(m.parsed.html).to.contain("Client reinstalled; drops persist.<br>Logs attached.");
    const told = (await notices()).filter((n) => n.kind === "ticket_escalated").map((n) => n.userId).sort();
    expect(told).to.deep.equal([n2.id, n2b.id].sort());
    expect(told).to.not.include(both.id).and.not.include(n1b.id);
  });

  it("queues nothing when the change is refused or rolled back", async () => {
    const t = await makeTicket(ctx.deps, emp);
    await deliver();
    await takeTicket(ctx.deps, n1, t.id);
    await escalateTicket(ctx.deps, n1, t.id, { groupId: null, reason: "Firewall", note: "Over to you." });
    await deliver();
    const before = { outbox: (await outbox()).length, notices: (await notices()).length };

    // a refused transition inside the command: escalated already
    const err = await escalateTicket(ctx.deps, n2, t.id, { groupId: null, reason: "Again", note: "Again." }).catch((e: unknown) => e);
    expect(err).to.have.property("code", "invalid_transition");
    // the change and its notices written, then a refused transition in the same transaction
    const err2 = await withTransaction(ctx.deps.db, async (tx) => {
      const fresh = await tx.findOneOrFail(Ticket, { where: { id: t.id } });
      const saved = await saveChange(tx, fresh, n2, ctx.clock.now(), { status: "open", assigneeId: n2.id }, [{ kind: "taken", from: null, to: n2.id }]);
      await tellAbout(tx, ctx.deps, n2, saved, [{ kind: "ticket_reply", to: [emp.id], params: { name: n2.displayName }, mailData: { body: "Never sent" } }]);
      expect((await tx.find(MailOutboxRow)).length).to.equal(before.outbox + 1);
      assertTransition(saved, "close");
    }).catch((e: unknown) => e);
    expect(err2).to.have.property("code", "invalid_transition");

    expect((await outbox()).length).to.equal(before.outbox);
    expect((await notices()).length).to.equal(before.notices);
    expect(await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).to.include({ status: "escalated", assigneeId: null });
    expect(await deliver()).to.deep.equal([]);
  });

  it("keeps the ticket change and the mail in the outbox when the SMTP server is down", async () => {
    await smtp.stop();
    const t = await makeTicket(ctx.deps, emp);
    await reply(n1, t.id, "On it.");
    const { sent, retried } = await sendPending(ctx.deps);
    expect({ sent, retried }).to.deep.equal({ sent: 0, retried: 2 });
    const rows = await outbox();
    expect(rows.map((r) => [r.template, r.status, r.attempts])).to.deep.equal([["ticket-created", "pending", 1], ["ticket-reply", "pending", 1]]);
    expect(rows[0]).to.include({ relatedType: "ticket", relatedId: t.id, toAddress: "tm-emp@example.org", subject: "[INC-000001] We received your request: VPN drops every hour" });
    expect(await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id })).to.include({ version: 2 });

    await smtp.start();
    ctx.clock.advance(60_000);
    const got = await deliver();
    expect(got.map((m) => m.parsed.subject)).to.deep.equal(["[INC-000001] We received your request: VPN drops every hour", "[INC-000001] New reply: VPN drops every hour"]);
  });

  describe("the templates of the watch jobs", () => {
    let t: Ticket;
    let ticket: { id: number; number: string; title: string };
    const tell = (userIds: number[], notice: Notice) => withTransaction(ctx.deps.db, (tx) => notify(tx, ctx.deps, userIds, notice));

    beforeEach(async () => {
      t = await makeTicket(ctx.deps, emp, { title: "VPN drops every hour" });
      ticket = { id: t.id, number: formatNumber(t.type, t.id), title: t.title };
      await deliver();
    });

    it("stale-digest: the count, the numbers and a link to the desk", async () => {
      await tell([n1.id], { kind: "stale_digest", params: { count: 2, numbers: "INC-000001, REQ-000007" } });
      const [m] = await deliver();
      expect(to(m)).to.equal("tm-n1@example.org");
      expect(m.parsed.subject).to.equal("Tickets gone quiet: 2");
      expect(body(m)).to.contain("2 tickets you follow have had no public activity for a while: INC-000001, REQ-000007.");
      expect(body(m)).to.contain(`Open the desk: ${BASE}/desk`);
      expect(m.parsed.html).to.contain(`href="${BASE}/desk"`);
    });

    it("unassigned: one digest for the group, with the numbers and a link to the desk", async () => {
      await tell([n1.id], { kind: "unassigned", ticket: null, params: { count: 2, numbers: "INC-000001, INC-000002" } });
      const [m] = await deliver();
      expect(m.parsed.subject).to.equal("2 tickets wait in your group with nobody assigned");
      expect(body(m)).to.contain("with nobody assigned: INC-000001, INC-000002");
      expect(body(m)).to.contain(`${BASE}/desk`);
    });

    it("pending-reminder: first and second reminders, a link to answer, in French too", async () => {
      const fr = await makeUser(ctx.deps, { username: "tm-fr2", name: "Élodie Dupré", locale: "fr" });
      await tell([emp.id], { kind: "pending_reminder", ticket, params: { count: 1 } });
      await tell([fr.id], { kind: "pending_reminder", ticket, params: { count: 2 } });
      const [en, frm] = await deliver();
      expect(en.parsed.subject).to.equal("[INC-000001] Reminder: we are waiting for your answer on VPN drops every hour");
      expect(body(en)).to.contain("This is our first reminder.").and.contain("What we need from you is written on the ticket page.");
      expect(body(en)).to.contain(`Answer on the ticket page: ${BASE}/tickets/INC-000001#reply-body`);
      expect(frm.parsed.subject).to.equal("[INC-000001] Relance\u00a0: nous attendons votre réponse sur VPN drops every hour");
      expect(body(frm)).to.contain("Ceci est notre deuxième relance.");
    });

    it("pending-resolved: the days waited and how to reopen", async () => {
      await tell([emp.id], { kind: "pending_resolved", ticket, params: { days: 10 } });
      const [m] = await deliver();
      expect(m.parsed.subject).to.equal("[INC-000001] Resolved without your answer: VPN drops every hour");
      expect(body(m)).to.contain("We waited 10 working days for your answer on INC-000001 “VPN drops every hour”, so the ticket was resolved as it stands.");
      expect(body(m)).to.contain("reopen it from the ticket page").and.contain(`${BASE}/tickets/INC-000001#reopen-reason`);
    });

    it("ticket-auto-closed: the days since the resolution", async () => {
      await tell([emp.id], { kind: "ticket_auto_closed", ticket, params: { days: 7 } });
      const [m] = await deliver();
      expect(m.parsed.subject).to.equal("[INC-000001] Closed: VPN drops every hour");
      expect(body(m)).to.contain("was closed automatically 7 days after its resolution");
      expect(body(m)).to.contain("open a new ticket and mention INC-000001");
    });
  });
});
