import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, signIn, type Agent } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketHistory } from "../../src/modules/tickets/history.entity";
import { TicketWatcher } from "../../src/modules/tickets/link.entity";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { MailOutboxRow } from "../../src/platform/mail";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { closeTicket } from "../../src/modules/tickets/commands/close-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { mergeTicket } from "../../src/modules/tickets/commands/merge-ticket";
import { mergeSchema } from "../../src/modules/tickets/link.schemas";
import { followedTickets } from "../../src/modules/tickets/queries/links";
import { refusal } from "../helpers/refusal";
import { followMajor, setMajor } from "../../src/modules/major";
import type { Actor } from "../../src/access/actor";

describe("HTTP: merging a duplicate into another ticket", () => {
  let ctx: TestContext;
  let anna: Actor, bob: Actor, carl: Actor, n1: Actor, n3: Actor;
  let n1Web: Agent;

  const num = (t: Ticket) => formatNumber(t.type, t.id);
  const url = (t: Ticket) => `/tickets/${num(t)}`;
  const reload = (t: Ticket) => ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id });
  const say = (who: Actor, t: Ticket, body: string, internal = false) => addComment(ctx.deps, who, t.id, { body, internal, files: [] });
  const kinds = async (t: Ticket) => (await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: t.id }, order: { id: "ASC" } })).map((h) => h.kind);
  const notices = (u: Actor) => ctx.deps.db.getRepository(Notification).find({ where: { userId: u.id }, order: { id: "ASC" } });
  const mails = (u: Actor, template: string) => ctx.deps.db.getRepository(MailOutboxRow).find({ where: { toAddress: u.email!, template }, order: { id: "ASC" } });
  const merge = async (web: Agent, source: Ticket, into: string, status: number) =>
    web.post(`${url(source)}/merge`).type("form").send({ _csrf: await csrf(web, "/profile"), into }).expect(status);
  /** A ticket escalated to N3: only N3 (and N1, N2 who saw it) read it. */
  const atN3 = async (t: Ticket) => {
    const n2 = await makeAgent(ctx.deps, 2);
    await escalateTicket(ctx.deps, n1, t.id, { groupId: null, reason: "network", note: "over to N2" });
    await takeTicket(ctx.deps, n2, t.id);
    await escalateTicket(ctx.deps, n2, t.id, { groupId: null, reason: "core", note: "over to N3" });
    return reload(t);
  };

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    anna = await makeUser(ctx.deps, { username: "mg-anna", name: "Anna Target" });
    bob = await makeUser(ctx.deps, { username: "mg-bob", name: "Bob Source" });
    carl = await makeUser(ctx.deps, { username: "mg-carl", name: "Carl Other" });
    n1 = await makeAgent(ctx.deps, 1, { username: "mg-n1", name: "Nina Desk" });
    n3 = await makeAgent(ctx.deps, 3, { username: "mg-n3", name: "Tess Engineer" });
    n1Web = await signIn(ctx.app, "mg-n1");
  });

  it("closes the duplicate with a pointer; the target reads its conversation in place, tagged; its requester is told and follows", async () => {
    const target = await makeTicket(ctx.deps, anna, { title: "VPN is down", description: "Anna's own description" });
    const source = await makeTicket(ctx.deps, bob, { title: "No VPN since nine", description: "Bob's private description, badge 4242" });
    await say(anna, target, "Anna's private reply");
    await say(n1, target, "Staff reply on the target");
    await say(n1, target, "Internal note on the target", true);
    const bobWeb = await signIn(ctx.app, "mg-bob");
    let token = await csrf(bobWeb, url(source));
    await bobWeb.post(`${url(source)}/comments`).field("_csrf", token).field("body", "Bob's private message")
      .attach("attachments", Buffer.from("bob log"), { filename: "bob-log.txt", contentType: "text/plain" }).expect(303);
    token = await csrf(n1Web, url(source));
    await n1Web.post(`${url(source)}/comments`).field("_csrf", token).field("internal", "0").field("body", "Staff reply on the duplicate")
      .attach("attachments", Buffer.from("fix steps"), { filename: "staff-fix.txt", contentType: "text/plain" }).expect(303);
    await say(n1, source, "Internal note on the duplicate", true);

    // the desk offers the merge on the duplicate's page, and the merge is a 303 back to it
    let page = await n1Web.get(url(source)).expect(200);
    expect(page.text).to.contain("Merge as a duplicate").and.contain(`action="${url(source)}/merge"`);
    const version = (await reload(source)).version;
    const done = await n1Web.post(`${url(source)}/merge`).type("form").send({ _csrf: token, into: num(target), version }).expect(303);
    expect(done.headers.location).to.equal(url(source));

    const s = await reload(source);
    expect(s).to.include({ status: "closed", resolutionCode: "duplicate", mergedIntoId: target.id });
    expect(s.closedAt).to.be.instanceOf(Date);
    expect(s.resolution).to.contain(num(target));
    expect(s.slaNextDueAt).to.equal(null);
    expect((await kinds(source)).at(-1)).to.equal("merged");
    expect((await kinds(target)).at(-1)).to.equal("merged_in");
    const merged = await ctx.deps.db.getRepository(TicketHistory).findOneByOrFail({ ticketId: source.id, kind: "merged" });
    expect(merged.toValue).to.equal(num(target));

    // the duplicate's page: read-only, pointing at the target
    page = await n1Web.get(url(source)).expect(200);
    expect(page.text).to.contain(`<a class="fw-semibold" href="${url(target)}">Merged into ${num(target)}</a>`);
    for (const form of ["comments", "take", "resolve", "merge", "related", "classify"]) expect(page.text).not.to.contain(`action="${url(source)}/${form}"`);
    expect(page.text).to.contain("Nothing you can do on this ticket now.");

    // the target's page for the desk: both conversations and histories, the duplicate's tagged with its number
    page = await n1Web.get(url(target)).expect(200);
    expect(page.text).not.to.contain("Nothing you can do on this ticket now.");
    const tag = `from ${num(source)}`;
    for (const text of ["Staff reply on the duplicate", "Internal note on the duplicate", "Bob&#39;s private message", "Bob&#39;s private description, badge 4242",
      "Staff reply on the target", "Internal note on the target", tag, `Description of ${num(source)}`, `${num(source)} merged into this ticket`, "Bob Source <span class=\"text-body-secondary\">(merged duplicate)</span>"]) {
      expect(page.text, text).to.contain(text);
    }
    expect(page.text).to.match(new RegExp(`id="merged-from"><li class="list-inline-item"><a href="${url(source)}">`));
    const fix = new RegExp(`href="(${url(target)}/attachments/\\d+)">staff-fix.txt`).exec(page.text);
    expect(fix, "the duplicate's attachment, downloaded from the target").to.not.equal(null);
    expect((await n1Web.get(fix![1]).expect(200)).text).to.equal("fix steps");

    // its requester: told (bell and mail) and now a follower of the target
    const told = (await notices(bob)).filter((n) => n.kind === "ticket_merged");
    expect(told).to.have.length(1);
    expect(told[0]).to.include({ ticketId: source.id });
    expect(told[0].params).to.include({ into: num(target), number: num(source) });
    const [mail] = await mails(bob, "ticket-merged");
    expect(mail.subject).to.equal(`[${num(source)}] Merged into ${num(target)}: No VPN since nine`);
    expect(mail.text).to.contain(`/tickets/${num(target)}`).and.contain("“VPN is down”");
    expect(await ctx.deps.db.getRepository(TicketWatcher).findOneBy({ ticketId: target.id, userId: bob.id })).to.include({ reason: "merged" });

    // the target's requester: nothing of the duplicate's conversation (the desk's replies to another person, their
    // files, their words, the notes): their own conversation, and (in the API's history) the "merged into this ticket" line
    const annaWeb = await signIn(ctx.app, "mg-anna");
    page = await annaWeb.get(url(target)).expect(200);
    expect(page.text).to.contain("Staff reply on the target").and.contain("Anna&#39;s private reply");
    for (const hidden of ["Staff reply on the duplicate", tag, "staff-fix.txt", "Bob&#39;s private message", "badge 4242", "Internal note", "bob-log.txt", "merged duplicate", "Bob Source"]) {
      expect(page.text, hidden).not.to.contain(hidden);
    }
    const annaFix = fix![1];
    await annaWeb.get(annaFix).expect(404);
    const bobLog = /href="(\/tickets\/[^"]+\/attachments\/\d+)">bob-log.txt/.exec((await n1Web.get(url(target))).text)![1];
    await annaWeb.get(bobLog).expect(404);

    // the follower: the target's public face only
    page = await bobWeb.get(url(target)).expect(200);
    expect(page.text).to.contain("You follow this ticket").and.contain("VPN is down").and.contain("Staff reply on the target");
    for (const hidden of ["Anna&#39;s own description", "Anna&#39;s private reply", "Internal note", "What you told us", "staff-fix.txt", `action="${url(target)}/comments"`]) {
      expect(page.text, hidden).not.to.contain(hidden);
    }
    await bobWeb.get(annaFix).expect(404);
    const fr = await bobWeb.get(url(target)).set("accept-language", "fr").expect(200);
    expect(fr.text).to.contain("Vous suivez ce ticket");
    // ... listed on their portal, and their own duplicate points there
    expect((await bobWeb.get("/portal").expect(200)).text).to.match(new RegExp(`id="followed">[\\s\\S]*href="${url(target)}"`));
    page = await bobWeb.get(url(source)).expect(200);
    expect(page.text).to.contain(`href="${url(target)}">Merged into ${num(target)}</a>`).and.not.contain(`action="${url(source)}/comments"`);
  });

  it("refuses every action on the merged ticket, and lets a follower read but not act", async () => {
    const target = await makeTicket(ctx.deps, anna, { title: "Printer offline" });
    const source = await makeTicket(ctx.deps, bob, { title: "Cannot print" });
    await mergeTicket(ctx.deps, n1, source.id, mergeSchema.parse({ into: num(target) }));
    const bobWeb = await signIn(ctx.app, "mg-bob");
    const token = await csrf(bobWeb, "/profile");
    const reply = await bobWeb.post(`${url(source)}/comments`).field("_csrf", token).field("body", "Any news?").expect(409);
    expect(reply.text).to.contain(`This ticket was merged into ${num(target)}: it is read-only. Follow ${num(target)} instead.`);
    for (const action of ["take", "resolve", "pending", "escalate", "classify", "close", "reopen", "merge"]) {
      const res = await n1Web.post(`${url(source)}/${action}`).type("form").send({ _csrf: await csrf(n1Web, "/profile"), into: num(target), reason: "requester", note: "y", code: "fixed", resolution: "z", impact: "low", urgency: "low" });
      expect(res.status, action).to.equal(409);
    }
    const note = await refusal(addComment(ctx.deps, n1, source.id, { body: "late note", internal: true, files: [] }));
    expect(note.code).to.equal("ticket_merged");
    expect((await refusal(mergeTicket(ctx.deps, n1, source.id, mergeSchema.parse({ into: num(target) })))).code).to.equal("already_merged");
    // the follower reads the target (200) but may not reply, close or reopen it (403, said on the page)
    const refused = await bobWeb.post(`${url(target)}/comments`).field("_csrf", token).field("body", "Me too").expect(403);
    expect(refused.text).to.contain("You follow this ticket: you can read it, but only its requester and the service desk can act on it.");
    await bobWeb.post(`${url(target)}/close`).type("form").send({ _csrf: token }).expect(403);
    expect((await refusal(addComment(ctx.deps, bob, target.id, { body: "x", internal: false, files: [] }))).code).to.equal("ticket_watcher");
  });

  it("tells the followers of the desk's public replies and of the resolution, not of notes or the requester's messages", async () => {
    const target = await makeTicket(ctx.deps, anna, { title: "Wi-Fi drops" });
    const source = await makeTicket(ctx.deps, bob, { title: "Wi-Fi keeps dropping" });
    await mergeTicket(ctx.deps, n1, source.id, mergeSchema.parse({ into: num(target) }));
    const before = async () => (await notices(bob)).filter((n) => n.ticketId === target.id).map((n) => n.kind);
    await say(n1, target, "Internal only", true);
    await say(anna, target, "Still dropping here");
    expect(await before()).to.deep.equal([]);
    await say(n1, target, "We replaced the access point");
    expect(await before()).to.deep.equal(["ticket_reply"]);
    expect((await mails(bob, "ticket-reply")).map((m) => m.subject).filter((x) => x.includes(num(target)))).to.deep.equal([`[${num(target)}] New reply: Wi-Fi drops`]);
    await resolveTicket(ctx.deps, n1, target.id, { resolution: "Access point replaced.", code: "fixed" });
    expect(await before()).to.deep.equal(["ticket_reply", "ticket_resolved"]);
    // the requester hears of it once, as before
    expect((await notices(anna)).filter((n) => n.kind === "ticket_resolved")).to.have.length(1);

    // a major incident: its "affected" followers are told by the major incident's own notices, the others here
    const major = await makeTicket(ctx.deps, anna, { title: "Internal name: core switch" });
    await ctx.deps.db.getRepository(Ticket).update({ id: major.id }, { major: true, publicTitle: "Network outage" });
    await ctx.deps.db.getRepository(TicketWatcher).insert([
      { ticketId: major.id, userId: bob.id, reason: "merged", createdAt: new Date() },
      { ticketId: major.id, userId: carl.id, reason: "affected", createdAt: new Date() },
    ]);
    await say(n1, await reload(major), "Engineers are on site");
    const bobNotice = (await notices(bob)).filter((n) => n.ticketId === major.id);
    expect(bobNotice.map((n) => n.kind)).to.deep.equal(["ticket_reply"]);
    expect(bobNotice[0].params).to.include({ title: "Network outage" });
    expect((await notices(carl)).filter((n) => n.kind === "ticket_reply" && n.ticketId === major.id)).to.have.length(0);
  });

  it("gives an 'affected' follower nothing of the ticket: 404 on its page and its actions, no notice from it, not in their followed list", async () => {
    const major = await makeTicket(ctx.deps, anna, { title: "Internal name: storage array" });
    await ctx.deps.db.getRepository(Ticket).update({ id: major.id }, { major: true, publicTitle: "File shares down" });
    // a row left on an ordinary ticket (the major module may unmark one) gives nothing either
    const plain = await makeTicket(ctx.deps, anna, { title: "Shares slow" });
    await ctx.deps.db.getRepository(TicketWatcher).insert([
      { ticketId: major.id, userId: carl.id, reason: "affected", createdAt: new Date() },
      { ticketId: plain.id, userId: carl.id, reason: "affected", createdAt: new Date() },
    ]);
    const carlWeb = await signIn(ctx.app, "mg-carl");
    for (const t of [major, plain]) {
      await carlWeb.get(url(t)).expect(404);
      const refused = await carlWeb.post(`${url(t)}/comments`).field("_csrf", await csrf(carlWeb, "/profile")).field("body", "me too").expect(404);
      expect(refused.text).not.to.contain("You follow this ticket");
      await say(n1, await reload(t), `Public reply on ${num(t)}`);
      await resolveTicket(ctx.deps, n1, t.id, { resolution: "Fixed.", code: "fixed" });
    }
    // (the major incident's own notices, major_update and major_resolved, are the major module's)
    expect((await notices(carl)).filter((n) => (n.ticketId === major.id || n.ticketId === plain.id) && !n.kind.startsWith("major_"))).to.deep.equal([]);
    const followed = (await followedTickets(ctx.deps, carl)).map((t) => t.id);
    expect(followed).not.to.include(major.id);
    expect(followed).not.to.include(plain.id);
    // while a 'merged' follower of the same ticket reads it and has it in their list
    await ctx.deps.db.getRepository(TicketWatcher).insert({ ticketId: plain.id, userId: bob.id, reason: "merged", createdAt: new Date() });
    expect((await followedTickets(ctx.deps, bob)).map((t) => t.id)).to.include(plain.id);
    await (await signIn(ctx.app, "mg-bob")).get(url(plain)).expect(200);
  });

  it("refuses: into itself (422), another type (422), a closed duplicate, a closed or merged target (409), tickets one cannot see (404), requesters", async () => {
    const a = await makeTicket(ctx.deps, anna, { title: "Mail bounces" });
    const b = await makeTicket(ctx.deps, bob, { title: "Mail bounces too" });
    let res = await merge(n1Web, a, num(a), 422);
    expect(res.text).to.contain("A ticket cannot be merged into itself.");
    expect((await refusal(mergeTicket(ctx.deps, n1, a.id, mergeSchema.parse({ into: num(a) })))).code).to.equal("merge_self");
    res = await merge(n1Web, a, "hello", 422);
    expect(res.text).to.contain("Enter a ticket number such as INC-000123.");
    const request = await makeTicket(ctx.deps, bob, { type: "request", title: "New mailbox" });
    expect((await refusal(mergeTicket(ctx.deps, n1, a.id, mergeSchema.parse({ into: num(request) })))).code).to.equal("merge_type");

    // closed duplicate, closed target
    const closed = await makeTicket(ctx.deps, carl, { title: "Old mail issue" });
    await resolveTicket(ctx.deps, n1, closed.id, { resolution: "ok", code: "fixed" });
    await closeTicket(ctx.deps, carl, closed.id);
    res = await merge(n1Web, closed, num(a), 409);
    expect((await refusal(mergeTicket(ctx.deps, n1, closed.id, mergeSchema.parse({ into: num(a) })))).code).to.equal("source_closed");
    res = await merge(n1Web, b, num(closed), 409);
    expect(res.text).to.contain(`${num(closed)} is closed: choose a ticket that is still open.`);
    expect((await refusal(mergeTicket(ctx.deps, n1, b.id, mergeSchema.parse({ into: num(closed) })))).code).to.equal("target_closed");

    // a merged target names where it went
    const c = await makeTicket(ctx.deps, carl, { title: "Mail bounces again" });
    await mergeTicket(ctx.deps, n1, c.id, mergeSchema.parse({ into: num(a) }));
    const err = await refusal(mergeTicket(ctx.deps, n1, b.id, mergeSchema.parse({ into: num(c) })));
    expect(err.code).to.equal("target_merged");
    expect(err.params).to.include({ into: num(c), target: num(a) });

    // N3 works a ticket escalated to it, but cannot see a new N1 ticket: the same 404 as no ticket at all
    const deep = await atN3(await makeTicket(ctx.deps, bob, { title: "Core router flaps" }));
    const n3Web = await signIn(ctx.app, "mg-n3");
    expect((await refusal(mergeTicket(ctx.deps, n3, deep.id, mergeSchema.parse({ into: num(b) })))).code).to.equal("ticket_not_found");
    await merge(n3Web, deep, num(b), 404);
    await merge(n3Web, deep, "INC-999999", 404);
    await merge(n3Web, b, num(deep), 404);
    // a prefix that does not match the ticket's type is no such ticket
    await merge(n1Web, b, `REQ-${String(a.id).padStart(6, "0")}`, 404);
    expect((await reload(b)).status).to.equal("new");

    // requesters never merge: their own ticket 403, another's 404
    const annaWeb = await signIn(ctx.app, "mg-anna");
    await merge(annaWeb, a, num(b), 403);
    await merge(annaWeb, b, num(a), 404);

    // a major incident is never merged (its children and followers would lose it)
    const major = await makeTicket(ctx.deps, carl, { title: "Mail relay down" });
    await ctx.deps.db.getRepository(Ticket).update({ id: major.id }, { major: true });
    res = await merge(n1Web, major, num(a), 409);
    expect(res.text).to.contain("A major incident cannot be merged into another ticket.");
    expect((await refusal(mergeTicket(ctx.deps, n1, major.id, mergeSchema.parse({ into: num(a) })))).code).to.equal("merge_major");
    // into a ticket the agent cannot read: the same 404 as none at all, saying the number typed, and nothing changes
    const fresh = await makeTicket(ctx.deps, carl, { title: "Mail store corrupt" });
    const err404 = await refusal(mergeTicket(ctx.deps, n3, deep.id, mergeSchema.parse({ into: num(fresh) })));
    expect(err404).to.include({ status: 404, code: "ticket_not_found" });
    expect(err404.params).to.deep.equal({ number: num(fresh) });
    expect(await reload(deep)).to.include({ status: "escalated", mergedIntoId: null });
    expect(await kinds(fresh)).to.deep.equal(["created"]);
  });

  it("shows staff each duplicate only if they may read it, and the target's requester none of it", async () => {
    const sup = await makeUser(ctx.deps, { role: "supervisor" });
    // the target went through N3; the duplicate never left N1: N3 reads the target, not the duplicate
    const target = await atN3(await makeTicket(ctx.deps, anna, { title: "Backups fail" }));
    const source = await makeTicket(ctx.deps, bob, { title: "Backup job red", description: "Bob's secret path /srv/bob" });
    await say(n1, source, "N1 reply on the duplicate");
    await say(n1, source, "N1 note on the duplicate", true);
    const token = await csrf(n1Web, url(source));
    await n1Web.post(`${url(source)}/comments`).field("_csrf", token).field("internal", "1").field("body", "note with a file")
      .attach("attachments", Buffer.from("secret"), { filename: "note-file.txt", contentType: "text/plain" }).expect(303);
    await mergeTicket(ctx.deps, sup, source.id, mergeSchema.parse({ into: num(target) }));

    const supPage = (await (await signIn(ctx.app, sup.username)).get(url(target)).expect(200)).text;
    expect(supPage).to.contain("N1 reply on the duplicate").and.contain("N1 note on the duplicate").and.contain("/srv/bob").and.contain("note-file.txt");
    const file = new RegExp(`href="(${url(target)}/attachments/\\d+)">note-file.txt`).exec(supPage)![1];
    const n3Web = await signIn(ctx.app, "mg-n3");
    const n3Page = (await n3Web.get(url(target)).expect(200)).text;
    for (const hidden of ["N1 reply on the duplicate", "N1 note on the duplicate", "/srv/bob", "note-file.txt", `from ${num(source)}`]) expect(n3Page, hidden).not.to.contain(hidden);
    await n3Web.get(file).expect(404);
    // the requester of the target: neither the reply, nor the files
    const annaPage = (await (await signIn(ctx.app, "mg-anna")).get(url(target)).expect(200)).text;
    expect(annaPage).not.to.contain("N1 reply on the duplicate");
    // a file of a ticket that is not merged into the one in the URL does not exist there
    const other = await makeTicket(ctx.deps, bob, { title: "Unrelated" });
    await n1Web.get(file.replace(url(target), url(other))).expect(404);

    // the target's own files (downloads read no more than the attachment, its ticket, its comment): a public
    // reply's to its requester and staff, an internal note's to staff only, none to a follower
    const n3Token = await csrf(n3Web, url(target));
    for (const [internal, name] of [["0", "public-fix.txt"], ["1", "internal-dump.txt"]]) {
      await n3Web.post(`${url(target)}/comments`).field("_csrf", n3Token).field("internal", internal).field("body", `file ${name}`)
        .attach("attachments", Buffer.from(name), { filename: name, contentType: "text/plain" }).expect(303);
    }
    const page = (await n3Web.get(url(target))).text;
    const [pub, internalFile] = ["public-fix.txt", "internal-dump.txt"].map((n) => new RegExp(`href="(${url(target)}/attachments/\\d+)">${n}`).exec(page)![1]);
    const annaWeb = await signIn(ctx.app, "mg-anna");
    expect((await annaWeb.get(pub).expect(200)).text).to.equal("public-fix.txt");
    await annaWeb.get(internalFile).expect(404);
    await n3Web.get(internalFile).expect(200);
    const bobWeb = await signIn(ctx.app, "mg-bob");
    await bobWeb.get(url(target)).expect(200);
    await bobWeb.get(pub).expect(404);
    await bobWeb.get(`${url(target)}/attachments/999999`).expect(404);
  });

  it("points duplicates merged earlier at the new target, whose page reads them all", async () => {
    const first = await makeTicket(ctx.deps, carl, { title: "Badge reader broken" });
    const middle = await makeTicket(ctx.deps, bob, { title: "Door badge fails" });
    const last = await makeTicket(ctx.deps, anna, { title: "Cannot enter building" });
    await say(n1, first, "Reply on the first duplicate");
    await mergeTicket(ctx.deps, n1, first.id, mergeSchema.parse({ into: num(middle) }));
    await mergeTicket(ctx.deps, n1, middle.id, mergeSchema.parse({ into: num(last) }));
    expect((await reload(first)).mergedIntoId).to.equal(last.id);
    const page = await n1Web.get(url(last)).expect(200);
    expect(page.text).to.contain("Reply on the first duplicate").and.contain(`from ${num(first)}`).and.contain(`Description of ${num(middle)}`);
    // both requesters follow the last one
    const watchers = await ctx.deps.db.getRepository(TicketWatcher).find({ where: { ticketId: last.id }, order: { userId: "ASC" } });
    expect(watchers.map((w) => w.userId).sort()).to.deep.equal([bob.id, carl.id].sort());
  });

  it("re-points earlier duplicates as a change of their own (history, version, who and when), and tells each person once", async () => {
    const dan = await makeUser(ctx.deps, { username: "mg-dan" });
    const eve = await makeUser(ctx.deps, { username: "mg-eve" });
    const nick = await makeAgent(ctx.deps, 1, { username: "mg-nick" });
    const target = await makeTicket(ctx.deps, anna, { title: "Wiki is down" });
    const source = await makeTicket(ctx.deps, bob, { title: "Wiki 502" });
    // dan raised two duplicates of the source, and the agent who merges raised one too; eve follows it by hand
    const dups = [await makeTicket(ctx.deps, dan, { title: "Wiki error" }), await makeTicket(ctx.deps, dan, { title: "Wiki error again" }), await makeTicket(ctx.deps, nick, { title: "Wiki gone" })];
    for (const d of dups) await mergeTicket(ctx.deps, n1, d.id, mergeSchema.parse({ into: num(source) }));
    await ctx.deps.db.getRepository(TicketWatcher).insert({ ticketId: source.id, userId: eve.id, reason: "merged", createdAt: new Date() });
    const before = await Promise.all(dups.map(reload));
    const at = new Date(ctx.clock.now().getTime() + 60_000);
    ctx.clock.set(at);
    await mergeTicket(ctx.deps, nick, source.id, mergeSchema.parse({ into: num(target) }));
    for (const [i, d] of dups.entries()) {
      const after = await reload(d);
      expect(after).to.include({ mergedIntoId: target.id, version: before[i].version + 1, updatedById: nick.id });
      expect(after.updatedAt.getTime()).to.equal(at.getTime());
      const rows = await ctx.deps.db.getRepository(TicketHistory).find({ where: { ticketId: d.id, kind: "merged" }, order: { id: "ASC" } });
      expect(rows.map((h) => [h.fromValue, h.toValue, h.actorId])).to.deep.equal([["new", num(source), n1.id], [num(source), num(target), nick.id]]);
    }
    // the duplicate's page shows it
    expect((await n1Web.get(url(dups[0]))).text).to.contain(`merged into ${num(target)}`);
    // one ticket_merged each for this merge: bob of his ticket, dan once (of his first duplicate), eve of the source; not the actor
    const merged = async (u: Actor) => (await notices(u)).filter((n) => n.kind === "ticket_merged" && (n.params as Record<string, unknown>).into === num(target));
    expect((await merged(bob)).map((n) => n.ticketId)).to.deep.equal([source.id]);
    expect((await merged(dan)).map((n) => n.ticketId)).to.deep.equal([dups[0].id]);
    expect((await merged(eve)).map((n) => n.ticketId)).to.deep.equal([source.id]);
    expect(await merged(nick)).to.deep.equal([]);
    expect((await mails(dan, "ticket-merged")).filter((m) => m.subject.includes(`Merged into ${num(target)}`))).to.have.length(1);
    // all of them follow the target, none the source any more
    const repo = ctx.deps.db.getRepository(TicketWatcher);
    expect((await repo.find({ where: { ticketId: target.id } })).map((w) => w.userId).sort()).to.deep.equal([bob.id, dan.id, eve.id, nick.id].sort());
    expect(await repo.countBy({ ticketId: source.id })).to.equal(0);
    // the first duplicate's requester reads their own ticket and the target's public face, where the bell points
    const danWeb = await signIn(ctx.app, "mg-dan");
    await danWeb.get(url(dups[0])).expect(200);
    expect((await danWeb.get(url(target)).expect(200)).text).to.contain("You follow this ticket");
  });

  it("never merges into a major incident (409 merge_into_major), and marking one turns the followers a merge made into 'affected' ones", async () => {
    const major = await makeTicket(ctx.deps, anna, { title: "Internal name: SAN controller" });
    await say(n1, major, "PRE-MARK: Anna, your share is on controller B");
    ctx.clock.advance(60_000);
    await setMajor(ctx.deps, n1, major.id, { major: true, publicTitle: "File shares down" });
    const dup = await makeTicket(ctx.deps, bob, { title: "Shares gone" });
    // carl says he is affected: merging his own duplicate would have made him a reader of the major incident
    await followMajor(ctx.deps, carl, major.id);
    const carlsDup = await makeTicket(ctx.deps, carl, { title: "No share either" });
    const res = await merge(n1Web, dup, num(major), 409);
    expect(res.text).to.contain(`${num(major)} is a major incident: nothing is merged into it. Attach this incident to it as a child instead.`);
    const err = await refusal(mergeTicket(ctx.deps, n1, carlsDup.id, mergeSchema.parse({ into: num(major) })));
    expect(err).to.include({ status: 409, code: "merge_into_major" });
    expect(err.params).to.deep.equal({ into: num(major) });
    const api = await signIn(ctx.app, "mg-n1");
    const fr = await api.post(`${url(dup)}/merge`).set("Accept-Language", "fr").type("form").send({ _csrf: await csrf(api, "/profile"), into: num(major) }).expect(409);
    expect(fr.text).to.contain(`${num(major)} est un incident majeur\u00a0: on n’y fusionne rien.`);
    expect((await reload(dup))).to.include({ status: "new", mergedIntoId: null });
    expect((await ctx.deps.db.getRepository(TicketWatcher).find({ where: { ticketId: major.id } })).map((w) => [w.userId, w.reason]))
      .to.deep.equal([[carl.id, "affected"]]);
    for (const who of ["mg-bob", "mg-carl"]) {
      const web = await signIn(ctx.app, who);
      await web.get(url(major)).expect(404);
      expect((await web.get(`/major/${num(major)}`).expect(200)).text).not.to.contain("PRE-MARK");
    }

    // merged before it became a major incident: bob read it; once marked, he reaches only its public page
    const plain = await makeTicket(ctx.deps, anna, { title: "Internal name: NAS head" });
    await say(n1, plain, "PRE-MARK-2: Anna, reboot the NAS head");
    ctx.clock.advance(60_000);
    await mergeTicket(ctx.deps, n1, dup.id, mergeSchema.parse({ into: num(plain) }));
    const bobWeb = await signIn(ctx.app, "mg-bob");
    expect((await bobWeb.get(url(plain)).expect(200)).text).to.contain("PRE-MARK-2");
    await setMajor(ctx.deps, n1, plain.id, { major: true, publicTitle: "NAS down" });
    expect((await ctx.deps.db.getRepository(TicketWatcher).find({ where: { ticketId: plain.id } })).map((w) => [w.userId, w.reason]))
      .to.deep.equal([[bob.id, "affected"]]);
    await bobWeb.get(url(plain)).expect(404);
    expect((await followedTickets(ctx.deps, bob)).map((t) => t.id)).not.to.include(plain.id);
    const publicPage = (await bobWeb.get(`/major/${num(plain)}`).expect(200)).text;
    expect(publicPage).to.contain("NAS down").and.not.contain("PRE-MARK-2");
  });
});
