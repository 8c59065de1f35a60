import { expect } from "chai";
import { MoreThan } from "typeorm";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { refusal } from "../helpers/refusal";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketWatcher } from "../../src/modules/tickets/link.entity";
import { TicketComment } from "../../src/modules/tickets/comment.entity";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { MailOutboxRow } from "../../src/platform/mail";
import { attachChildren, followMajor, invalidateOpenMajors, setMajor } from "../../src/modules/major";
import type { Actor } from "../../src/access/actor";

describe("HTTP: major incidents, the fan-out of an update and of the resolution", () => {
  let ctx: TestContext;
  let n1: Actor;
  const reload = (t: Ticket) => ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id });
  const watch = (t: Ticket, who: Actor, reason: "merged" | "affected") =>
    ctx.deps.db.getRepository(TicketWatcher).insert({ ticketId: t.id, userId: who.id, reason, createdAt: ctx.clock.now() });
  const majorIncident = async (by: Actor) => {
    const t = await makeTicket(ctx.deps, by, { title: "Mail relay down" });
    await setMajor(ctx.deps, n1, t.id, { major: true, publicTitle: "Email unavailable" });
    return reload(t);
  };

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    invalidateOpenMajors(ctx.deps.db);
    n1 = await makeAgent(ctx.deps, 1, { username: "mf-n1" });
  });

  it("tells each person once: a child's requester in their own ticket, the parent's people as before, everyone else with the major incident's notice", async () => {
    const [two, both, parentsOwn, follower, watcher] = await Promise.all(
      ["mf-two", "mf-both", "mf-own", "mf-follow", "mf-watch"].map((username) => makeUser(ctx.deps, { username })));
    const parent = await majorIncident(parentsOwn);
    const c1 = await makeTicket(ctx.deps, two, { title: "Outlook offline" });
    const c2 = await makeTicket(ctx.deps, two, { title: "Outlook still offline" });
    const c3 = await makeTicket(ctx.deps, both, { title: "Cannot send mail" });
    const c4 = await makeTicket(ctx.deps, parentsOwn, { title: "Mail stuck" });
    await attachChildren(ctx.deps, n1, parent.id, [c1.id, c2.id, c3.id, c4.id]);
    await watch(parent, both, "merged"); // a duplicate of theirs was merged into the parent, and they raised a child
    await followMajor(ctx.deps, follower, parent.id);
    await watch(c1, follower, "merged"); // an affected follower who also watches a child
    await watch(c1, watcher, "merged"); // watches two children
    await watch(c3, watcher, "merged");

    const heard = async (since: number) => {
      const rows = await ctx.deps.db.getRepository(Notification).find({ where: { id: MoreThan(since) }, order: { id: "ASC" } });
      const out: Record<string, [string, number | null][]> = {};
      for (const [name, who] of Object.entries({ two, both, parentsOwn, follower, watcher })) {
        out[name] = rows.filter((n) => n.userId === who.id).map((n) => [n.kind, n.ticketId]);
      }
      return out;
    };
    const last = async () => (await ctx.deps.db.getRepository(Notification).find({ order: { id: "DESC" }, take: 1 }))[0]?.id ?? 0;
    const mails = (since: Date) => ctx.deps.db.getRepository(MailOutboxRow).count({ where: { createdAt: MoreThan(since) } });

    let since = await last();
    let mailsSince = ctx.clock.now();
    ctx.clock.advance(60_000);
    await addComment(ctx.deps, n1, parent.id, { body: "Half of the mailboxes are back.", internal: false, files: [] });
    expect(await heard(since)).to.deep.equal({
      two: [["ticket_reply", c1.id]],
      both: [["ticket_reply", parent.id]],
      parentsOwn: [["ticket_reply", parent.id]],
      follower: [["major_update", parent.id]],
      watcher: [["major_update", parent.id]],
    });
    expect(await mails(mailsSince)).to.equal(5);
    // every open child has the update in its timeline all the same
    for (const c of [c1, c2, c3, c4]) expect((await reload(c)).lastPublicActivityAt?.getTime()).to.equal(ctx.clock.now().getTime());

    since = await last();
    mailsSince = ctx.clock.now();
    ctx.clock.advance(60_000);
    await resolveTicket(ctx.deps, n1, parent.id, { resolution: "Relay replaced.", code: "fixed" });
    expect(await heard(since)).to.deep.equal({
      two: [["ticket_resolved", c1.id]],
      both: [["ticket_resolved", parent.id]],
      parentsOwn: [["ticket_resolved", parent.id]],
      follower: [["major_resolved", parent.id]],
      watcher: [["major_resolved", parent.id]],
    });
    expect(await mails(mailsSince)).to.equal(5);
    for (const c of [c1, c2, c3, c4]) expect((await reload(c)).status).to.equal("resolved");
  });

  it("shares nothing the parent's own requester writes (a technician's words are not a public update), and tells whom tellWatchers leaves out", async () => {
    const [emp, follower, merged] = await Promise.all(["mf-emp", "mf-aff", "mf-merged"].map((username) => makeUser(ctx.deps, { username })));
    const tech = await makeAgent(ctx.deps, 1, { username: "mf-tech" });
    const parent = await majorIncident(tech);
    const child = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
    await attachChildren(ctx.deps, n1, parent.id, [child.id]);
    await followMajor(ctx.deps, follower, parent.id);
    await watch(parent, merged, "merged"); // a row left from before (marking now turns these into 'affected')
    const comments = (t: Ticket) => ctx.deps.db.getRepository(TicketComment).count({ where: { ticketId: t.id } });
    const heard = async (since: number) => {
      const rows = await ctx.deps.db.getRepository(Notification).find({ where: { id: MoreThan(since) }, order: { id: "ASC" } });
      return Object.fromEntries(Object.entries({ emp, follower, merged }).map(([name, who]) =>
        [name, rows.filter((n) => n.userId === who.id).map((n) => [n.kind, n.ticketId])]));
    };
    const last = async () => (await ctx.deps.db.getRepository(Notification).find({ order: { id: "DESC" }, take: 1 }))[0]?.id ?? 0;

    let since = await last();
    const before = (await reload(child)).lastPublicActivityAt?.getTime();
    ctx.clock.advance(60_000);
    await addComment(ctx.deps, tech, parent.id, { body: "TECH-OWN: still broken on my side", internal: false, files: [] });
    expect(await comments(child)).to.equal(0);
    expect((await reload(child)).lastPublicActivityAt?.getTime()).to.equal(before);
    expect(await heard(since)).to.deep.equal({ emp: [], follower: [], merged: [] });

    // the requester resolves it: tellWatchers tells nobody (their own ticket), so the fan-out tells the follower the merge made
    since = await last();
    ctx.clock.advance(60_000);
    await resolveTicket(ctx.deps, tech, parent.id, { resolution: "Relay replaced.", code: "fixed" });
    expect(await heard(since)).to.deep.equal({
      emp: [["ticket_resolved", child.id]], follower: [["major_resolved", parent.id]], merged: [["major_resolved", parent.id]],
    });
  });

  describe("on PostgreSQL, the parent's row lock", () => {
    /** Holds a child's row locked, so the command that writes it waits there, in the middle of its transaction. */
    const hold = async (t: Ticket) => {
      const qr = ctx.deps.db.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      await qr.query("SELECT id FROM tickets WHERE id = $1 FOR UPDATE", [t.id]);
      return async () => {
        await qr.commitTransaction();
        await qr.release();
      };
    };
    /** Waits until `n` statements wait for a lock (or a second has gone by: a command that does not wait goes on). */
    const waiting = async (n: number) => {
      for (let i = 0; i < 100; i++) {
        const [{ c }] = await ctx.deps.db.query("SELECT count(*)::int AS c FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") as { c: number }[];
        if (c >= n) return;
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    beforeEach(function () {
      // SQLite runs one transaction at a time: there is no race to test there
      if (ctx.deps.db.options.type !== "postgres") this.skip();
    });

    it("an attach that commits while the parent is being resolved: the child is resolved with it", async () => {
      const parent = await majorIncident(await makeUser(ctx.deps, { username: "mf-own" }));
      const child = await makeTicket(ctx.deps, await makeUser(ctx.deps, { username: "mf-emp" }), { title: "Outlook offline" });
      const release = await hold(child);
      const attaching = attachChildren(ctx.deps, n1, parent.id, [child.id]); // locks the parent, then waits on the child
      await waiting(1);
      const resolving = resolveTicket(ctx.deps, n1, parent.id, { resolution: "Relay replaced.", code: "fixed" });
      await waiting(2);
      await release();
      await attaching;
      await resolving;
      expect(await reload(child)).to.include({ parentId: parent.id, status: "resolved", resolution: "Relay replaced." });
    });

    it("an attach that comes while the parent is being resolved waits, then is refused (409 parent_closed)", async () => {
      const parent = await majorIncident(await makeUser(ctx.deps, { username: "mf-own" }));
      const emp = await makeUser(ctx.deps, { username: "mf-emp" });
      const first = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
      const late = await makeTicket(ctx.deps, emp, { title: "Cannot send mail" });
      await attachChildren(ctx.deps, n1, parent.id, [first.id]);
      const release = await hold(first);
      const resolving = resolveTicket(ctx.deps, n1, parent.id, { resolution: "Relay replaced.", code: "fixed" }); // waits on the first child
      await waiting(1);
      const attaching = refusal(attachChildren(ctx.deps, n1, parent.id, [late.id]));
      await waiting(2);
      await release();
      await resolving;
      expect((await attaching).code).to.equal("parent_closed");
      expect(await reload(late)).to.include({ parentId: null, status: "new" });
      expect((await reload(first)).status).to.equal("resolved");
    });

    it("an unmark that comes while a child is being attached waits, then is refused (409 has_children)", async () => {
      const parent = await majorIncident(await makeUser(ctx.deps, { username: "mf-own" }));
      const child = await makeTicket(ctx.deps, await makeUser(ctx.deps, { username: "mf-emp" }), { title: "Outlook offline" });
      const release = await hold(child);
      const attaching = attachChildren(ctx.deps, n1, parent.id, [child.id]);
      await waiting(1);
      const unmarking = refusal(setMajor(ctx.deps, n1, parent.id, { major: false, publicTitle: undefined }));
      await waiting(2);
      await release();
      await attaching;
      expect((await unmarking).code).to.equal("has_children");
      expect((await reload(parent)).major).to.equal(true);
      expect((await reload(child)).parentId).to.equal(parent.id);
    });
  });
});
