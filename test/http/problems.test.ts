import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, signIn } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { Category } from "../../src/modules/tickets/category.entity";
import { TicketComment } from "../../src/modules/tickets/comment.entity";
import { Problem, ProblemHistory } from "../../src/modules/problems/problem.entity";
import { createProblem, linkIncident, publishWorkaround, resolveProblem } from "../../src/modules/problems/commands/problem-commands";
import { updateProblem } from "../../src/modules/problems/commands/update-problem";
import { workaroundAudience } from "../../src/modules/problems/queries/problems";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { TicketWatcher } from "../../src/modules/tickets/link.entity";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { attachChildren, followMajor, invalidateOpenMajors, setMajor } from "../../src/modules/major";
import type { Actor } from "../../src/access/actor";

describe("HTTP: the Problems pages", () => {
  let ctx: TestContext;
  let emp: Actor;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "pp-emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "pp-n1", name: "Nina Petit" });
    n2 = await makeAgent(ctx.deps, 2, { username: "pp-n2", name: "Hugo Lambert" });
    n3 = await makeAgent(ctx.deps, 3, { username: "pp-n3", name: "Zoé Roux" });
  });
  let n1: Actor;
  let n2: Actor;
  let n3: Actor;
  const history = async (problemId: number) => (await ctx.deps.db.getRepository(ProblemHistory).find({ where: { problemId }, order: { id: "ASC" } }))
    .map((h) => [h.kind, h.field, h.fromValue, h.toValue]);

  it("N2 opens a problem from an incident page, links another, publishes a workaround and resolves everything", async () => {
    const t1 = await makeTicket(ctx.deps, emp, { title: "VPN refuses my password" });
    const t2 = await makeTicket(ctx.deps, emp, { title: "VPN down again" });
    const n2 = await signIn(ctx.app, "pp-n2");
    const token = await csrf(n2, "/problems");
    const created = await n2.post(`/problems/from/${formatNumber(t1.type, t1.id)}`).type("form").send({ _csrf: token }).expect(303);
    const url = created.headers.location as string;
    expect(url).to.match(/^\/problems\/PRB-\d{6}$/);
    let page = await n2.get(url).expect(200);
    expect(page.text).to.contain("VPN refuses my password");
    const bad = await n2.post(`${url}/incidents`).type("form").send({ _csrf: token, ticket: "INC-999999" }).expect(422);
    expect(bad.text).to.contain("No incident has this number.");
    await n2.post(`${url}/incidents`).type("form").send({ _csrf: token, ticket: formatNumber(t2.type, t2.id) }).expect(303);
    const empty = await n2.post(`${url}/workaround`).type("form").send({ _csrf: token, text: "" }).expect(422);
    expect(empty.text).to.contain("This field is required.");
    // the preview: what the requesters will read and how many, nothing published yet
    const comments = () => ctx.deps.db.getRepository(TicketComment).count();
    const before = await comments();
    const preview = await n2.post(`${url}/workaround`).type("form").send({ _csrf: token, text: "Use the backup <VPN> profile.", notifyRequesters: "1", preview: "1" }).expect(200);
    expect(preview.text).to.contain('id="workaround-preview"');
    expect(preview.text).to.contain("Use the backup &lt;VPN&gt; profile.");
    expect(preview.text).to.contain("it reaches: 1 person(s) · open incidents: 2.");
    expect(preview.text).to.match(/name="notifyRequesters" value="1" id="f-notify" checked/);
    expect(await comments()).to.equal(before);
    expect((await ctx.deps.db.getRepository(Problem).findOneByOrFail({ id: Number(url.slice(-6)) })).status).to.equal("new");
    await n2.post(`${url}/workaround`).type("form").send({ _csrf: token, text: "Use the backup VPN profile.", notifyRequesters: "1" }).expect(303);
    page = await n2.get(url).expect(200);
    expect(page.text).to.contain("Known error");
    expect(page.text).to.contain("Linked incidents (2)");
    const list = await n2.get("/problems?status=known_error").expect(200);
    expect(list.text).to.contain("Use the backup VPN profile.");
    await n2.post(`${url}/resolve`).type("form").send({ _csrf: token, resolution: "VPN concentrator replaced.", resolveIncidents: "1" }).expect(303);
    page = await n2.get(url).expect(200);
    expect(page.text).to.contain("Resolved");
    // the service desk sees the link on the incident
    const ticketPage = await (await signIn(ctx.app, "pp-n1")).get(`/tickets/${formatNumber(t1.type, t1.id)}`).expect(200);
    expect(ticketPage.text).to.contain(url.slice("/problems/".length));
  });

  it("N1 finds a known error from an incident's page and links the incident to it, and only to a known error", async () => {
    const n2 = await signIn(ctx.app, "pp-n2");
    const t2 = await csrf(n2, "/problems");
    const first = await makeTicket(ctx.deps, emp, { title: "Printer jams on floor 3" });
    const known = (await n2.post(`/problems/from/${formatNumber(first.type, first.id)}`).type("form").send({ _csrf: t2 }).expect(303)).headers.location as string;
    await n2.post(`${known}/workaround`).type("form").send({ _csrf: t2, text: "Use the tray 2 printer." }).expect(303);
    const notYet = (await n2.post("/problems").type("form").send({ _csrf: t2, title: "Toner smears", description: "Investigating.", priority: "3" }).expect(303)).headers.location as string;
    const incident = await makeTicket(ctx.deps, emp, { title: "Paper jam again" });
    const number = formatNumber(incident.type, incident.id);
    const n1 = await signIn(ctx.app, "pp-n1");
    const page = await n1.get(`/tickets/${number}`).expect(200);
    expect(page.text).to.contain("Search the known errors");
    const list = await n1.get(`/problems?status=known_error&for=${number}&q=tray`).expect(200);
    expect(list.text).to.contain(`Link ${number}`);
    const token = await csrf(n1, `/tickets/${number}`);
    await n1.post(`${notYet}/incidents`).type("form").send({ _csrf: token, ticket: number, back: "ticket" }).expect(403);
    const linked = await n1.post(`${known}/incidents`).type("form").send({ _csrf: token, ticket: number, back: "ticket" }).expect(303);
    expect(linked.headers.location).to.equal(`/tickets/${number}`);
    expect((await n1.get(`/tickets/${number}`)).text).to.contain(known.slice("/problems/".length));
  });

  it("N1 reads the problems but cannot create them; requesters cannot see them at all", async () => {
    const n1 = await signIn(ctx.app, "pp-n1");
    await n1.get("/problems").expect(200);
    await n1.get("/problems/new").expect(403);
    const token = await csrf(n1, "/problems");
    await n1.post("/problems").type("form").send({ _csrf: token, title: "x", description: "y", priority: "3" }).expect(403);
    // requesters (and admins) do not learn problems exist: the 404 of a page that does not exist
    const requester = await signIn(ctx.app, "pp-emp");
    await requester.get("/problems").expect(404);
    await requester.get("/problems/PRB-000001").expect(404);
    await requester.get("/problems/suggested").expect(404);
  });

  it("N2 edits the record and the analysis: one history row per changed field, shown in the timeline; the owner must be N2/N3 or a supervisor", async () => {
    const p = await createProblem(ctx.deps, n2, { title: "Mail relay drops messages", description: "Since Monday." });
    const url = `/problems/PRB-${String(p.id).padStart(6, "0")}`;
    const n2c = await signIn(ctx.app, "pp-n2");
    const page = await n2c.get(url).expect(200);
    expect(page.text).to.contain("Edit the record and the analysis").and.contain("Start investigating").and.contain("Hugo Lambert");
    // the owner select offers N2, N3 and supervisors, not N1
    const ownerSelect = /<select[^>]+id="e-ownerId"[\s\S]*?<\/select>/.exec(page.text)![0];
    expect(ownerSelect).to.contain(`<option value="${n3.id}"`).and.contain(`<option value="${n2.id}" selected>`).and.not.contain(`<option value="${n1.id}"`);
    const token = await csrf(n2c, url);
    const email = (await ctx.deps.db.getRepository(Category).findOneByOrFail({ name: "Email" })).id;
    const n3Group = n3.groups[0].id;
    const form = {
      _csrf: token, version: "1", title: "Mail relay drops messages over 10 MB", description: "Since Monday.", categoryId: String(email), affected: "Mail relay",
      priority: "2", groupId: String(n3Group), ownerId: String(n3.id), symptoms: "Large mails bounce.", rootCause: "", impact: "Sales cannot send quotes.", permanentFix: "",
    };
    // not an eligible owner: 422, what was typed stays
    const bad = await n2c.post(`${url}/edit`).type("form").send({ ...form, ownerId: String(n1.id) }).expect(422);
    expect(bad.text).to.contain("Choose an active N2 or N3 technician, or a supervisor.").and.contain("Large mails bounce.");
    const n1Group = n1.groups[0].id;
    expect((await n2c.post(`${url}/edit`).type("form").send({ ...form, groupId: String(n1Group) }).expect(422)).text).to.contain("Choose a group of the right tier.");
    expect((await n2c.post(`${url}/edit`).type("form").send({ ...form, title: "" }).expect(422)).text).to.contain("This field is required.");
    await n2c.post(`${url}/edit`).type("form").send(form).expect(303);
    expect(await history(p.id)).to.deep.equal([
      ["created", null, null, "new"],
      ["field", "title", "Mail relay drops messages", "Mail relay drops messages over 10 MB"],
      ["field", "category", null, "Email"], ["field", "affected", null, "Mail relay"], ["field", "priority", "P3", "P2"],
      ["field", "group", "N2 Support", "N3 Engineering"], ["owner", null, "Hugo Lambert", "Zoé Roux"],
      ["field", "symptoms", null, "Large mails bounce."], ["field", "impact", null, "Sales cannot send quotes."],
    ]);
    const shown = await n2c.get(url).expect(200);
    expect(shown.text).to.contain("Problem updated.").and.contain("Title: Mail relay drops messages → Mail relay drops messages over 10 MB")
      .and.contain("Owner: Hugo Lambert → Zoé Roux").and.contain("Symptoms changed").and.contain("Sales cannot send quotes.").and.contain("by Hugo Lambert");
    expect(await ctx.deps.db.getRepository(Problem).findOneByOrFail({ id: p.id })).to.deep.include({ version: 2, ownerId: n3.id, groupId: n3Group, priority: 2, rootCause: null });
    // saved again unchanged: nothing written; the page of version 1 is stale now
    await n2c.post(`${url}/edit`).type("form").send({ ...form, version: "2" }).expect(303);
    expect(await history(p.id)).to.have.length(9);
    const stale = await n2c.post(`${url}/edit`).type("form").send({ ...form, rootCause: "Size limit" }).expect(409);
    expect(stale.text).to.contain("This problem was changed by Hugo Lambert meanwhile");
    // French timeline
    const fr = await n2c.get(url).set("accept-language", "fr").expect(200);
    expect(fr.text).to.contain("Responsable\u00a0: Hugo Lambert → Zoé Roux").and.contain("Symptômes\u00a0: modifié");
  });

  it("status buttons follow the state table: new -> investigating, resolved -> closed or back to investigating; anything else is a 409", async () => {
    const p = await createProblem(ctx.deps, n2, { title: "Disk full on file server", description: "x" });
    const url = `/problems/PRB-${String(p.id).padStart(6, "0")}`;
    const n2c = await signIn(ctx.app, "pp-n2");
    const token = await csrf(n2c, url);
    const closeEarly = await n2c.post(`${url}/status`).type("form").send({ _csrf: token, status: "closed" }).expect(409);
    expect(closeEarly.text).to.contain("Only a resolved problem can be closed.");
    await n2c.post(`${url}/status`).type("form").send({ _csrf: token, status: "investigating", version: "1" }).expect(303);
    expect((await n2c.get(url)).text).to.contain("The problem is being investigated.");
    expect((await n2c.post(`${url}/status`).type("form").send({ _csrf: token, status: "investigating" }).expect(409)).text).to.contain("Only a new problem can be investigated");
    expect((await n2c.post(`${url}/status`).type("form").send({ _csrf: token, status: "known_error" }).expect(409)).text).to.contain("publish a workaround");
    await n2c.post(`${url}/status`).type("form").send({ _csrf: token, status: "bogus" }).expect(422);
    await n2c.post(`${url}/resolve`).type("form").send({ _csrf: token, resolution: "Cleaned up." }).expect(303);
    const resolved = await n2c.get(url).expect(200);
    expect(resolved.text).to.contain("Reopen (back to investigating)").and.contain("Close the problem");
    await n2c.post(`${url}/status`).type("form").send({ _csrf: token, status: "investigating" }).expect(303);
    expect(await ctx.deps.db.getRepository(Problem).findOneByOrFail({ id: p.id })).to.deep.include({ status: "investigating", resolvedAt: null, resolution: null });
    await n2c.post(`${url}/resolve`).type("form").send({ _csrf: token, resolution: "Quota added." }).expect(303);
    await n2c.post(`${url}/status`).type("form").send({ _csrf: token, status: "closed" }).expect(303);
    const closed = await n2c.get(url).expect(200);
    expect(closed.text).to.contain("Problem closed.").and.not.contain("Edit the record and the analysis").and.not.contain("Reopen");
    expect(await history(p.id)).to.deep.equal([
      ["created", null, null, "new"], ["status", null, "new", "investigating"], ["status", null, "investigating", "resolved"],
      ["status", null, "resolved", "investigating"], ["status", null, "investigating", "resolved"], ["status", null, "resolved", "closed"],
    ]);
    expect((await n2c.post(`${url}/edit`).type("form").send({ _csrf: token, title: "x", description: "y", priority: "3" }).expect(409)).text).to.contain("This problem is closed");
    expect((await ctx.deps.db.getRepository(Problem).findOneByOrFail({ id: p.id })).closedAt).to.be.instanceOf(Date);
  });

  it("refuses N1 (403) and requesters (404) on every new action", async () => {
    const p = await createProblem(ctx.deps, n2, { title: "Badge reader offline", description: "x" });
    const url = `/problems/PRB-${String(p.id).padStart(6, "0")}`;
    const n1c = await signIn(ctx.app, "pp-n1");
    const page = await n1c.get(url).expect(200);
    expect(page.text).to.not.contain("Edit the record and the analysis").and.not.contain("Start investigating");
    const token = await csrf(n1c, url);
    await n1c.post(`${url}/edit`).type("form").send({ _csrf: token, title: "x", description: "y", priority: "3" }).expect(403);
    await n1c.post(`${url}/edit`).type("form").send({ _csrf: token, title: "" }).expect(403);
    await n1c.post(`${url}/status`).type("form").send({ _csrf: token, status: "investigating" }).expect(403);
    const emp = await signIn(ctx.app, "pp-emp");
    const empToken = await csrf(emp);
    await emp.post(`${url}/edit`).type("form").send({ _csrf: empToken, title: "x", description: "y", priority: "3" }).expect(404);
    await emp.post(`${url}/status`).type("form").send({ _csrf: empToken, status: "investigating" }).expect(404);
    expect((await ctx.deps.db.getRepository(Problem).findOneByOrFail({ id: p.id })).status).to.equal("new");
  });

  it("the list filters by owner (a select of the eligible people) and pages by keyset", async () => {
    const mine = await createProblem(ctx.deps, n3, { title: "Owned by Zoé", description: "x" });
    const list = await (await signIn(ctx.app, "pp-n1")).get(`/problems?ownerId=${n3.id}`).expect(200);
    expect(list.text).to.contain('id="f-owner"').and.contain(`<option value="${n3.id}" selected>`).and.contain("Owned by Zoé").and.not.contain("Badge reader offline");
    expect(list.text).to.contain(`PRB-${String(mine.id).padStart(6, "0")}`);
    for (let i = 0; i < 50; i++) await createProblem(ctx.deps, n2, { title: `Bulk problem ${i}`, description: "x" });
    const n2c = await signIn(ctx.app, "pp-n2");
    const first = await n2c.get(`/problems?ownerId=${n2.id}`).expect(200);
    const next = /href="(\/problems\?[^"]+)" rel="next"/.exec(first.text)?.[1].replaceAll("&amp;", "&");
    expect(next).to.match(/before=\d+/).and.match(new RegExp(`ownerId=${n2.id}`));
    expect(first.text).to.contain("Bulk problem 49").and.not.contain("Disk full on file server");
    const second = await n2c.get(next!).expect(200);
    expect(second.text).to.contain("Disk full on file server").and.contain("← First page").and.not.contain("Bulk problem 49").and.not.contain("Mail relay drops");
  });
  /** A problem page's hidden version field (the workaround or the resolve form). */
  const versionIn = (html: string, action: "workaround" | "resolve") =>
    html.match(new RegExp(`/${action}" novalidate>\\s*<input type="hidden" name="_csrf" value="[^"]*">\\s*<input type="hidden" name="version" value="(\\d+)">`))?.[1];

  it("a workaround or a resolution posted from a stale page is a 409 'changed meanwhile' (the version in both forms)", async () => {
    const t = await makeTicket(ctx.deps, emp, { title: "Stale page" });
    const p = await createProblem(ctx.deps, n2, { fromIncidentId: t.id });
    const url = `/problems/PRB-${String(p.id).padStart(6, "0")}`;
    const web = await signIn(ctx.app, "pp-n2");
    const page = await web.get(url).expect(200);
    const token = await csrf(web, url);
    const seen = { wa: versionIn(page.text, "workaround"), res: versionIn(page.text, "resolve") };
    expect(seen).to.deep.equal({ wa: String(p.version), res: String(p.version) });
    // a preview keeps the version the page was opened on
    const preview = await web.post(`${url}/workaround`).type("form").send({ _csrf: token, text: "Reboot.", preview: "1", version: seen.wa }).expect(200);
    expect(versionIn(preview.text, "workaround")).to.equal(seen.wa);
    await updateProblem(ctx.deps, n3, p.id, { rootCause: "A certificate expired." });
    const stale = await web.post(`${url}/workaround`).type("form").send({ _csrf: token, text: "Reboot.", version: seen.wa }).expect(409);
    expect(stale.text).to.contain("This problem was changed by Zoé Roux meanwhile");
    expect((await web.post(`${url}/resolve`).type("form").send({ _csrf: token, resolution: "Renewed.", resolveIncidents: "1", version: seen.res }).expect(409)).text)
      .to.contain("This problem was changed by Zoé Roux meanwhile");
    const now = await ctx.deps.db.getRepository(Problem).findOneByOrFail({ id: p.id });
    expect(now).to.deep.include({ status: "new", workaround: null, resolution: null, version: p.version + 1 });
    // the commands too (the API's optional version): a stale one is refused, the current one works
    await publishWorkaround(ctx.deps, n2, p.id, { text: "Reboot.", notifyRequesters: false, version: p.version }).then(() => expect.fail("published"), (err: { code: string }) => expect(err.code).to.equal("problem_changed"));
    await publishWorkaround(ctx.deps, n2, p.id, { text: "Reboot.", notifyRequesters: false, version: now.version });
    await resolveProblem(ctx.deps, n2, p.id, { resolution: "Renewed.", resolveIncidents: false, version: now.version }).then(() => expect.fail("resolved"), (err: { code: string }) => expect(err.code).to.equal("problem_changed"));
    expect((await resolveProblem(ctx.deps, n2, p.id, { resolution: "Renewed.", resolveIncidents: false, version: now.version + 1 })).problem.status).to.equal("resolved");
  });

  it("the workaround preview is refused as publishing is, and counts exactly the people publishing tells (a crafted set)", async () => {
    const person = async (name: string) => makeUser(ctx.deps, { username: `wa-${name}` });
    const [ra, ma, rm, f1, f2, mm, rc1, mc1, rc2, rc3, rd, mb, outsider] = await Promise.all(
      ["ra", "ma", "rm", "f1", "f2", "mm", "rc1", "mc1", "rc2", "rc3", "rd", "mb", "outsider"].map(person));
    const merged = (ticketId: number, userId: number) => ctx.deps.db.getRepository(TicketWatcher).insert({ ticketId, userId, reason: "merged", createdAt: ctx.clock.now() });
    invalidateOpenMajors(ctx.deps.db);
    const a = await makeTicket(ctx.deps, ra, { title: "Badge reader A" });
    const major = await makeTicket(ctx.deps, rm, { title: "Badge readers down" });
    await setMajor(ctx.deps, n1, major.id, { major: true, publicTitle: "Badge readers down" });
    const [c1, c2, c3] = [await makeTicket(ctx.deps, rc1, { title: "C1" }), await makeTicket(ctx.deps, rc2, { title: "C2" }), await makeTicket(ctx.deps, rc3, { title: "C3" })];
    await attachChildren(ctx.deps, n1, major.id, [c1.id, c2.id, c3.id]);
    await ctx.deps.db.getRepository(Ticket).update({ id: c3.id }, { status: "resolved" });
    for (const who of [f1, f2, ra]) await followMajor(ctx.deps, who, major.id);
    const own = await makeTicket(ctx.deps, n2, { title: "Mine: my badge too" });
    const closed = await makeTicket(ctx.deps, rd, { title: "Closed one" });
    await ctx.deps.db.getRepository(Ticket).update({ id: closed.id }, { status: "closed" });
    await Promise.all([merged(a.id, ma.id), merged(major.id, mm.id), merged(c1.id, mc1.id), merged(own.id, mb.id), merged(a.id, n2.id), merged(closed.id, outsider.id)]);
    const p = await createProblem(ctx.deps, n2, { fromIncidentId: a.id });
    for (const t of [major, c2, own, closed]) {
      if (t === closed) await ctx.deps.db.getRepository(Ticket).update({ id: t.id }, { problemId: p.id });
      else await linkIncident(ctx.deps, n2, p.id, t.id);
    }
    // ra (once, though following the major too), ma, rm, f1, f2, mm, rc1, mc1, rc2; not the actor, nor mb (the actor's own ticket), rc3, rd, outsider
    const expected = [ra, ma, rm, f1, f2, mm, rc1, mc1, rc2].map((u) => u.id).sort((x, y) => x - y);
    expect(await workaroundAudience(ctx.deps, n2, p.id)).to.deep.equal({ incidents: 5, people: expected.length });
    // refused as publishing is: N1 (403), and a problem that may not publish (409)
    for (const call of [() => workaroundAudience(ctx.deps, n1, p.id), () => publishWorkaround(ctx.deps, n1, p.id, { text: "x", notifyRequesters: true })]) {
      await call().then(() => expect.fail("allowed"), (err: { status: number }) => expect(err.status).to.equal(403));
    }
    const web = await signIn(ctx.app, "pp-n1");
    await web.post(`/problems/PRB-${String(p.id).padStart(6, "0")}/workaround`).type("form").send({ _csrf: await csrf(web, "/problems"), text: "x", preview: "1" }).expect(403);
    // publishing tells exactly those people
    const since = (await ctx.deps.db.getRepository(Notification).find({ order: { id: "DESC" }, take: 1 }))[0]?.id ?? 0;
    const events: number[] = [];
    ctx.deps.bus.on("ticket.changed", (e) => events.push(e.ticketId));
    await publishWorkaround(ctx.deps, n2, p.id, { text: "Use the side door.", notifyRequesters: true });
    const told = (await ctx.deps.db.getRepository(Notification).createQueryBuilder("n").where("n.id > :since", { since }).getMany()).map((n) => n.userId);
    expect([...new Set(told)].sort((x, y) => x - y)).to.deep.equal(expected);
    // a ticket.changed for every incident written to, the major incident's children among them
    expect([...new Set(events)].sort((x, y) => x - y)).to.deep.equal([a.id, major.id, c1.id, c2.id, own.id].sort((x, y) => x - y));
    events.length = 0;
    await resolveProblem(ctx.deps, n2, p.id, { resolution: "Readers replaced.", resolveIncidents: true });
    expect([...new Set(events)].sort((x, y) => x - y)).to.deep.equal([a.id, major.id, c1.id, c2.id, own.id].sort((x, y) => x - y));
    // a closed problem: the preview is refused as publishing is
    await ctx.deps.db.getRepository(Problem).update({ id: p.id }, { status: "closed" });
    for (const call of [() => workaroundAudience(ctx.deps, n2, p.id), () => publishWorkaround(ctx.deps, n2, p.id, { text: "x", notifyRequesters: true })]) {
      await call().then(() => expect.fail("allowed"), (err: { code: string }) => expect(err.code).to.equal("problem_closed"));
    }
  });
});
