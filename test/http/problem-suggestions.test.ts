import { expect } from "chai";
import { IsNull, Not } from "typeorm";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, signIn } from "../helpers/http";
import { Category } from "../../src/modules/tickets/category.entity";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { User } from "../../src/modules/users/user.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { createProblem } from "../../src/modules/problems/commands/problem-commands";
import { Problem, ProblemHistory } from "../../src/modules/problems/problem.entity";
import { ProblemSuggestion } from "../../src/modules/problems/problem-suggestion.entity";
import { refreshProblemSuggestions } from "../../src/modules/problems/suggest/refresh";
import type { Actor } from "../../src/access/actor";

describe("HTTP: the Suggested problems page (create and link, dismiss)", () => {
  let ctx: TestContext;
  let n2: Actor;
  let lyon: Actor;
  let nantes: Actor;
  let cat: Record<string, number>;

  /** Five incidents of one category from one place, a few minutes apart. */
  async function cluster(who: Actor, category: string, titles: string[]): Promise<Ticket[]> {
    const out: Ticket[] = [];
    for (const title of titles) {
      ctx.clock.set(new Date(ctx.clock.now().getTime() + 5 * 60_000));
      out.push(await makeTicket(ctx.deps, who, { title, categoryId: cat[category] }));
    }
    return out;
  }

  /** The refreshed_at a page's "create" form posts back for a suggestion. */
  const seenOf = (html: string, id: number) => html.match(new RegExp(`/problems/suggested/${id}/create"><input type="hidden" name="_csrf" value="[^"]*"><input type="hidden" name="seen" value="(\\d+)"`))?.[1];

  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    cat = Object.fromEntries((await ctx.deps.db.getRepository(Category).find()).map((c) => [c.name, c.id]));
    lyon = await makeUser(ctx.deps, { username: "sg-lyon" });
    nantes = await makeUser(ctx.deps, { username: "sg-nantes" });
    await ctx.deps.db.getRepository(User).update({ id: nantes.id }, { location: "Nantes", department: "Sales" });
    await makeUser(ctx.deps, { username: "sg-emp" });
    await makeAgent(ctx.deps, 1, { username: "sg-n1" });
    n2 = await makeAgent(ctx.deps, 2, { username: "sg-n2", name: "Hugo Lambert" });
  });

  it("N1 reads the suggestions but may not act; N2 creates the problem and links the incidents still free; requesters get a 404", async () => {
    const tickets = await cluster(lyon, "Network", ["VPN drops", "VPN is slow", "No VPN today", "VPN refuses me", "VPN error 809"]);
    await refreshProblemSuggestions(ctx.deps);
    const s = await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ clusterKey: `${cat.Network}|location|lyon` });
    expect(s.ticketIds).to.deep.equal(tickets.map((t) => t.id));

    const n1 = await signIn(ctx.app, "sg-n1");
    expect((await n1.get("/problems").expect(200)).text).to.contain('href="/problems/suggested"');
    const page = await n1.get("/problems/suggested").expect(200);
    for (const t of tickets) expect(page.text).to.contain(formatNumber(t.type, t.id));
    expect(page.text).to.contain("Network · same location: Lyon").and.contain("5 incidents").and.contain("Finance");
    expect(page.text).to.not.contain("Create problem and link these");
    const token1 = await csrf(n1, "/problems/suggested");
    await n1.post(`/problems/suggested/${s.id}/create`).type("form").send({ _csrf: token1 }).expect(403);
    await n1.post(`/problems/suggested/${s.id}/dismiss`).type("form").send({ _csrf: token1 }).expect(403);
    await (await signIn(ctx.app, "sg-emp")).get("/problems/suggested").expect(404);

    // one incident is linked to another problem meanwhile: skipped, and named
    const other = await createProblem(ctx.deps, n2, { fromIncidentId: tickets[2].id });
    const agent = await signIn(ctx.app, "sg-n2");
    const shown = await agent.get("/problems/suggested").expect(200);
    expect(shown.text).to.contain("Create problem and link these");
    expect(shown.text).to.contain(`linked to PRB-${String(other.id).padStart(6, "0")}`);
    const token = await csrf(agent, "/problems/suggested");
    const created = await agent.post(`/problems/suggested/${s.id}/create`).type("form").send({ _csrf: token, seen: seenOf(shown.text, s.id) }).expect(303);
    const url = created.headers.location as string;
    expect(url).to.match(/^\/problems\/PRB-\d{6}$/);
    const problemPage = await agent.get(url).expect(200);
    const skipped = formatNumber("incident", tickets[2].id);
    expect(problemPage.text).to.contain(`Problem ${url.slice(10)} created with 4 incidents linked. Skipped (linked or merged meanwhile): ${skipped}.`);
    expect(problemPage.text).to.contain("Network incidents in Lyon").and.contain("Linked incidents (4)").and.contain("Problem created from a suggested cluster of incidents");
    const problem = await ctx.deps.db.getRepository(Problem).findOneByOrFail({ id: Number(url.slice(14)) });
    expect(problem).to.deep.include({ categoryId: cat.Network, status: "new", ownerId: n2.id });
    const linked = await ctx.deps.db.getRepository(Ticket).find({ where: { problemId: problem.id }, order: { id: "ASC" } });
    expect(linked.map((t) => t.id)).to.deep.equal([tickets[0].id, tickets[1].id, tickets[3].id, tickets[4].id]);
    expect((await ctx.deps.db.getRepository(ProblemHistory).find({ where: { problemId: problem.id }, order: { id: "ASC" } })).map((h) => h.kind))
      .to.deep.equal(["created", "linked", "linked", "linked", "linked"]);
    expect((await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ id: s.id })).problemId).to.equal(problem.id);
    // used: gone from the page; a second click (a stale page) is a 409 with the list as it is now
    expect((await agent.get("/problems/suggested").expect(200)).text).to.contain("No suggestion for now.");
    const again = await agent.post(`/problems/suggested/${s.id}/create`).type("form").send({ _csrf: token }).expect(409);
    expect(again.text).to.contain("This suggestion was already used or dismissed meanwhile");
    // a suggestion that is gone: the list again, saying so, not an error page
    const gone = await agent.post("/problems/suggested/999999/create").type("form").send({ _csrf: token }).expect(404);
    expect(gone.text).to.contain("This suggestion is no longer there").and.contain('id="no-suggestions"');
    expect((await agent.post("/problems/suggested/999999/dismiss").type("form").send({ _csrf: token }).expect(404)).text).to.contain("This suggestion is no longer there");
    // the job leaves a used suggestion alone, and its incidents are linked now: no new one
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ found: 0, new: 0 });
  });

  it("'create and link' links what the page showed: a cluster the job changed meanwhile is a 409 with the list as it is now", async () => {
    await cluster(lyon, "Hardware", ["Dock dead", "Dock broken", "Dock missing", "Dock noise", "Dock flickers"]);
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 3600_000));
    await refreshProblemSuggestions(ctx.deps);
    const s = await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ clusterKey: `${cat.Hardware}|location|lyon` });
    const agent = await signIn(ctx.app, "sg-n2");
    const page = await agent.get("/problems/suggested").expect(200);
    const seen = seenOf(page.text, s.id);
    expect(seen).to.equal(String(s.refreshedAt.getTime()));
    // a sixth incident joins, the job runs: the cluster is not the one on the page any more
    const [sixth] = await cluster(lyon, "Hardware", ["Dock again"]);
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 3600_000));
    await refreshProblemSuggestions(ctx.deps);
    const token = await csrf(agent, "/problems/suggested");
    const stale = await agent.post(`/problems/suggested/${s.id}/create`).type("form").send({ _csrf: token, seen }).expect(409);
    expect(stale.text).to.contain("This suggestion changed since you opened the page").and.contain(formatNumber("incident", sixth.id));
    // no token at all: the same
    await agent.post(`/problems/suggested/${s.id}/create`).type("form").send({ _csrf: token }).expect(409);
    expect(await ctx.deps.db.getRepository(Ticket).countBy({ id: sixth.id, problemId: Not(IsNull()) })).to.equal(0);
    // from the list as it is now: done, the six linked
    const created = await agent.post(`/problems/suggested/${s.id}/create`).type("form").send({ _csrf: token, seen: seenOf(stale.text, s.id) }).expect(303);
    expect(await ctx.deps.db.getRepository(Ticket).countBy({ problemId: Number((created.headers.location as string).slice(14)) })).to.equal(6);
  });

  it("N2 dismisses a suggestion: it says who and when, and it stays away at the next refresh", async () => {
    await cluster(nantes, "Printing", ["Toner empty", "Paper tray stuck", "Cannot print labels", "Printer offline", "Blank pages out"]);
    await refreshProblemSuggestions(ctx.deps);
    const s = await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ clusterKey: `${cat.Printing}|location|nantes` });
    const agent = await signIn(ctx.app, "sg-n2");
    const fr = await agent.get("/problems/suggested").set("accept-language", "fr").expect(200);
    expect(fr.text).to.contain("Problèmes suggérés").and.contain("même site\u00a0: Nantes").and.contain("Sales");
    const token = await csrf(agent, "/problems/suggested");
    const done = await agent.post(`/problems/suggested/${s.id}/dismiss`).type("form").send({ _csrf: token }).expect(303);
    expect(done.headers.location).to.equal("/problems/suggested");
    const page = await agent.get("/problems/suggested").expect(200);
    expect(page.text).to.contain("Suggestion dismissed.").and.contain("Recently dismissed").and.contain("Dismissed by Hugo Lambert");
    expect(page.text).to.not.contain(`/problems/suggested/${s.id}/create`);
    expect(await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ id: s.id })).to.deep.include({ dismissedById: n2.id });
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 3600_000));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ keptDismissed: 1, new: 0 });
    expect((await agent.get("/problems/suggested").expect(200)).text).to.not.contain(`/problems/suggested/${s.id}/dismiss`);
    // dismissed: creating from it is a 409
    await agent.post(`/problems/suggested/${s.id}/create`).type("form").send({ _csrf: token }).expect(409);
  });
});
