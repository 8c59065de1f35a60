import { readdirSync, readFileSync } from "node:fs";
import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, csrfFrom, signIn } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketWatcher } from "../../src/modules/tickets/link.entity";
import { addComment } from "../../src/modules/tickets/commands/add-comment";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { MailOutboxRow } from "../../src/platform/mail";
import { attachChildren, followMajor, invalidateOpenMajors, setMajor, setParent } from "../../src/modules/major";
import type { Actor } from "../../src/access/actor";

/** What employees and technicians see of a major incident: only what became public, only what they may open. */
describe("HTTP: major incidents, what is public and to whom", () => {
  let ctx: TestContext;
  let emp: Actor;
  let emp2: Actor;
  let emp3: Actor;
  let n1: Actor;
  const num = (t: Pick<Ticket, "type" | "id">) => formatNumber(t.type, t.id);
  const reload = (t: Ticket) => ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: t.id });
  const reply = (by: Actor, t: Ticket, body: string) => addComment(ctx.deps, by, t.id, { body, internal: false, files: [] });
  const minutes = (n: number) => ctx.clock.advance(n * 60_000);
  /** The portal banners of a page (the rest of the portal lists the person's own tickets). */
  const banners = (html: string) => (html.match(/<section class="major-banner[\s\S]*?<\/section>/g) ?? []).join("\n");

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    invalidateOpenMajors(ctx.deps.db);
    emp = await makeUser(ctx.deps, { username: "mp-emp" });
    emp2 = await makeUser(ctx.deps, { username: "mp-emp2" });
    emp3 = await makeUser(ctx.deps, { username: "mp-emp3", name: "Paula Parent" });
    n1 = await makeAgent(ctx.deps, 1, { username: "mp-n1" });
  });

  it("shows as public updates only the staff replies made since the latest marking, never what was said to the requester before", async () => {
    const t = await makeTicket(ctx.deps, emp3, { title: "Exchange DAG failover loop on MBX02" });
    await reply(n1, t, "PRE-MARK: Paula, restart Outlook and tell me what it says.");
    minutes(10);
    await setMajor(ctx.deps, n1, t.id, { major: true, publicTitle: "Email unavailable" });
    const child = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
    await attachChildren(ctx.deps, n1, t.id, [child.id]);
    const web = await signIn(ctx.app, "mp-emp");
    const pages = async () => ({
      banner: banners((await web.get("/portal").expect(200)).text),
      page: (await web.get(`/major/${num(t)}`).expect(200)).text,
      child: (await web.get(`/tickets/${num(child)}`).expect(200)).text,
    });
    let seen = await pages();
    expect(seen.banner).to.contain("Email unavailable");
    for (const [where, html] of Object.entries(seen)) expect(html, where).to.not.contain("PRE-MARK");
    expect(seen.page).to.contain("IT is working on it. Updates will be posted here.");
    expect(seen.child).to.contain("IT is working on it. Updates will be posted here.");

    minutes(5);
    await reply(n1, await reload(t), "POST-MARK: half of the mailboxes are back.");
    minutes(5);
    // a new public title is not a new marking: the update stays
    await setMajor(ctx.deps, n1, t.id, { major: true, publicTitle: "Email partly back" });
    seen = await pages();
    for (const [where, html] of Object.entries(seen)) {
      expect(html, where).to.contain("POST-MARK: half of the mailboxes are back.");
      expect(html, where).to.not.contain("PRE-MARK");
    }

    // marked again later: a new outage, whose page starts empty
    await setParent(ctx.deps, n1, child.id, { parentId: null });
    await setMajor(ctx.deps, n1, t.id, { major: false, publicTitle: undefined });
    minutes(60);
    await setMajor(ctx.deps, n1, t.id, { major: true, publicTitle: "Email unavailable again" });
    const again = (await web.get(`/major/${num(t)}`).expect(200)).text;
    expect(again).to.not.contain("POST-MARK");
    expect(again).to.contain("IT is working on it. Updates will be posted here.");
    expect(banners((await web.get("/portal").expect(200)).text)).to.contain("Email unavailable again").and.not.contain("POST-MARK");
  });

  it("sends followers to the public page, never to /tickets/, and ends their subscriptions (only those) when the incident is unmarked", async () => {
    const t = await makeTicket(ctx.deps, emp3, { title: "Exchange DAG failover loop on MBX02" });
    await setMajor(ctx.deps, n1, t.id, { major: true, publicTitle: "Email unavailable" });
    await followMajor(ctx.deps, emp, t.id);
    await ctx.deps.db.getRepository(TicketWatcher).insert({ ticketId: t.id, userId: emp2.id, reason: "merged", createdAt: ctx.clock.now() });
    const web = await signIn(ctx.app, "mp-emp");
    const banner = banners((await web.get("/portal").expect(200)).text);
    expect(banner).to.contain("You follow this incident").and.contain(`href="/major/${num(t)}"`).and.not.contain("/tickets/");
    const page = (await web.get(`/major/${num(t)}`).expect(200)).text;
    expect(page).to.contain("I am no longer affected").and.not.contain(`/tickets/${num(t)}`);
    await reply(n1, await reload(t), "We are on it.");
    const mail = await ctx.deps.db.getRepository(MailOutboxRow).findOneByOrFail({ toAddress: "mp-emp@example.org", template: "major-update" });
    expect(mail.text + mail.html).to.contain(`/major/${num(t)}`).and.not.contain("/tickets/");

    const tech = await signIn(ctx.app, "mp-n1");
    const unmark = await tech.post(`/tickets/${num(t)}/major`).type("form").send({ _csrf: await csrf(tech, `/tickets/${num(t)}`), major: "0" });
    expect(unmark.status).to.equal(303);
    const left = await ctx.deps.db.getRepository(TicketWatcher).find({ where: { ticketId: t.id } });
    expect(left.map((w) => [w.userId, w.reason])).to.deep.equal([[emp2.id, "merged"]]);
    // marked again: the former follower is asked again, not counted as following
    await setMajor(ctx.deps, n1, t.id, { major: true, publicTitle: "Email unavailable" });
    const home = banners((await web.get("/portal").expect(200)).text);
    expect(home).to.contain(">I am affected too<").and.not.contain("You follow this incident");
    // the follower a merge made (who read the ticket) now reaches only the public page: counted as affected, not the former one
    expect((await ctx.deps.db.getRepository(TicketWatcher).find({ where: { ticketId: t.id } })).map((w) => [w.userId, w.reason]))
      .to.deep.equal([[emp2.id, "affected"]]);
    expect((await tech.get(`/tickets/${num(t)}`).expect(200)).text).to.contain("people affected who follow it: 1");
  });

  it("lists on the parent only the children the technician may open; the others are counted, never named", async () => {
    const parent = await makeTicket(ctx.deps, emp3, { title: "Mail relay down" });
    await setMajor(ctx.deps, n1, parent.id, { major: true, publicTitle: "Email unavailable" });
    const seen = await makeTicket(ctx.deps, emp, { title: "Outlook offline" });
    // logged straight at N2 (monitoring): N1 never had it
    const n2only = await makeTicket(ctx.deps, emp2, { title: "SECRET-N2: mailbox of the CFO corrupted" });
    await ctx.deps.db.getRepository(Ticket).update({ id: n2only.id }, { tier: 2, tiersVisited: 2 });
    const n2 = await makeAgent(ctx.deps, 2, { username: "mp-n2" });
    await attachChildren(ctx.deps, n1, parent.id, [seen.id]);
    await setParent(ctx.deps, n2, n2only.id, { parentId: parent.id });

    /** The major-incident panel of the parent's page (its history keeps the child's number, as any history row does). */
    const panel = (html: string) => /<section[^>]*id="major"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    const page = (await (await signIn(ctx.app, "mp-n1")).get(`/tickets/${num(parent)}`).expect(200)).text;
    expect(page).to.not.contain("SECRET-N2");
    const desk = panel(page);
    expect(desk).to.contain("Incidents attached: 2 ·");
    expect(desk).to.contain(num(seen)).and.contain("Outlook offline");
    expect(desk).to.not.contain(num(n2only));
    expect(desk).to.contain("… and 1 more you cannot open.");
    // and the other way round for N2, who never had N1's call
    const n2desk = panel((await (await signIn(ctx.app, "mp-n2")).get(`/tickets/${num(parent)}`).expect(200)).text);
    expect(n2desk).to.contain(num(n2only)).and.contain("… and 1 more you cannot open.");
    expect(n2desk).to.not.contain(num(seen));
    // a supervisor reads every queue: both, nothing hidden
    await makeUser(ctx.deps, { username: "mp-sup", role: "supervisor" });
    const all = panel((await (await signIn(ctx.app, "mp-sup")).get(`/tickets/${num(parent)}`).expect(200)).text);
    expect(all).to.contain(num(n2only)).and.contain(num(seen)).and.not.contain("more you cannot open");
  });

  it("during an outage reads the marking through ix_ticket_history_kind, and a child's page takes an open parent's update from the banner's cache", async () => {
    const t = await makeTicket(ctx.deps, emp3, { title: "Exchange DAG failover loop on MBX02" });
    await setMajor(ctx.deps, n1, t.id, { major: true, publicTitle: "Email unavailable" });
    const children = await Promise.all(Array.from({ length: 30 }, (_, i) => makeTicket(ctx.deps, emp, { title: `Outlook offline ${i}` })));
    await attachChildren(ctx.deps, n1, t.id, children.map((c) => c.id)); // one "child" history row each on the parent
    minutes(1);
    await reply(n1, await reload(t), "CACHED: half of the mailboxes are back.");
    /** The statements run meanwhile that read the parent's "major" history rows. */
    const statements = async (run: () => Promise<unknown>) => {
      const db = ctx.deps.db;
      const seen: string[] = [];
      const query = db.query.bind(db);
      db.query = ((sql: string, params?: unknown[]) => {
        if (sql.includes("ticket_history") && sql.includes("'major'")) seen.push(sql);
        return query(sql, params);
      }) as typeof db.query;
      try {
        await run();
      } finally {
        db.query = query;
      }
      return seen;
    };
    const web = await signIn(ctx.app, "mp-emp");
    const page = `/tickets/${num(children[0])}`;
    const marks = await statements(() => web.get(`/major/${num(t)}`).expect(200));
    expect(marks).to.have.length(1);
    if (ctx.deps.db.options.type !== "postgres") {
      const plan = (await ctx.deps.db.query(`EXPLAIN QUERY PLAN ${marks[0]}`, [t.id, t.id]) as { detail: string }[]).map((r) => r.detail);
      expect(plan.filter((d) => /\bh\b/.test(d) && d.startsWith("SEARCH"))).to.deep.equal(["SEARCH h USING INDEX ix_ticket_history_kind (ticket_id=? AND kind=?)"]);
    }
    await web.get("/portal").expect(200); // the banner loads the cache
    expect(await statements(async () => expect((await web.get(page).expect(200)).text).to.contain("CACHED: half of the mailboxes are back."))).to.deep.equal([]);
    // a resolved parent is no longer in the cache: its latest update is read for the page
    await resolveTicket(ctx.deps, n1, t.id, { resolution: "Relay replaced.", code: "fixed" });
    expect(await statements(async () => expect((await web.get(page).expect(200)).text).to.contain("CACHED: half of the mailboxes are back."))).to.have.length(1);
  });

  it("proposes a major incident on its public title only: the internal title behind it is never compared", async () => {
    const major = await makeTicket(ctx.deps, emp3, { title: "Exchange DAG failover loop on MBX02" });
    await setMajor(ctx.deps, n1, major.id, { major: true, publicTitle: "Email unavailable" });
    const plain = await makeTicket(ctx.deps, emp3, { title: "VPN concentrator down in Lyon" });
    await setMajor(ctx.deps, n1, plain.id, { major: true, publicTitle: "" });
    const web = await signIn(ctx.app, "mp-emp");
    const form = await web.get("/portal/new?type=incident").expect(200);
    const create = (title: string) => web.post("/tickets").field("_csrf", csrfFrom(form.text)).field("type", "incident")
      .field("title", title).field("description", "Since 9:00.");
    // the desk's wording is not a way in
    const probe = await create("Exchange DAG failover");
    expect(probe.status).to.equal(303);
    // what employees see is
    const proposed = await create("My email is unavailable");
    expect(proposed.status).to.equal(409);
    expect(proposed.text).to.contain("This looks like “Email unavailable”");
    // without a public title, the title is what employees see
    const vpn = await create("The VPN concentrator refuses me");
    expect(vpn.status).to.equal(409);
    expect(vpn.text).to.contain("This looks like “VPN concentrator down in Lyon”");
  });

  it("builds its HTML in templates: raw output only through include(), one partial for a person's standing and one for the title form", () => {
    const views = ["views/tickets/_major.ejs", "views/portal/_major-banner.ejs", ...readdirSync("views/major").map((f) => `views/major/${f}`)];
    for (const file of views) {
      const raw = readFileSync(file, "utf8").match(/<%-(?!\s*include\()[^%]*%>/g);
      expect(raw, file).to.equal(null);
    }
    for (const file of ["views/portal/_major-banner.ejs", "views/major/show.ejs", "views/major/_proposal.ejs"]) {
      const text = readFileSync(file, "utf8");
      expect(text, file).to.contain("include('/major/_standing'");
      expect(text, file).to.not.contain("major.standing.");
    }
    const panel = readFileSync("views/tickets/_major.ejs", "utf8");
    expect(panel.match(/include\('\/major\/_title-form'/g)).to.have.length(2);
    expect(panel).to.not.contain('name="publicTitle"');
  });
});
