import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { User } from "../../src/modules/users/user.entity";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { Category } from "../../src/modules/tickets/category.entity";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { createProblem } from "../../src/modules/problems/commands/problem-commands";
import { dismissSuggestion } from "../../src/modules/problems/commands/suggestion-commands";
import { ProblemSuggestion } from "../../src/modules/problems/problem-suggestion.entity";
import { clusterIncidents } from "../../src/modules/problems/suggest/cluster";
import { problemSuggestJob, refreshProblemSuggestions, windowBatch, windowIncidents } from "../../src/modules/problems/suggest/refresh";
import { listSuggestions } from "../../src/modules/problems/queries/suggestions";
import { runJob } from "../../src/platform/jobs";
import { rawQuery } from "../../src/platform/db/raw";
import { jobDefinitions } from "../../src/jobs";
import type { Actor } from "../../src/access/actor";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2026-11-23T09:00:00Z");

describe("Integration: suggested problems (clusters of unlinked incidents, the problem-suggest job)", () => {
  let ctx: TestContext;
  let n2: Actor;
  let cat: Record<string, number>;
  let people: Record<string, Actor>;
  /** Ticket ids by the names the expectations below use. */
  let ids: Record<string, number>;
  let minute = 0;

  /** An incident (or request) created at its own instant within the window (or at `at`). */
  async function incident(name: string, who: string, title: string, category: string | null, over: { at?: Date; type?: "request" } = {}): Promise<Ticket> {
    ctx.clock.set(over.at ?? new Date(NOW.getTime() - 6 * DAY + ++minute * 10 * 60_000));
    const t = await makeTicket(ctx.deps, people[who], { title, categoryId: category ? cat[category] : undefined, type: over.type ?? "incident" });
    ids[name] = t.id;
    return t;
  }
  const rows = async () => (await ctx.deps.db.getRepository(ProblemSuggestion).find({ order: { clusterKey: "ASC" } }))
    .map((r) => ({ key: r.clusterKey, value: r.value, ticketIds: r.ticketIds, count: r.count, dismissed: r.dismissedAt !== null }));
  const named = (...names: string[]) => names.map((n) => ids[n]);

  /**
   * The crafted data set: four categories, requesters in Lyon (spelt two ways), Nantes,
   * Paris or nowhere, titles in English and French with accents, plurals and stop words;
   * and incidents that must not count: outside the window, already linked, merged, closed
   * as a duplicate, a request, no category.
   */
  async function craft(): Promise<void> {
    ids = {};
    minute = 0;
    // Network: five VPN incidents (Lyon and Nantes) and three Wi-Fi ones (Lyon)
    await incident("N1", "lyonA", "VPN disconnects every hour", "Network");
    await incident("N2", "lyonB", "VPN déconnecté depuis ce matin", "Network");
    const n3 = await incident("N3", "lyonC", "Le VPN ne fonctionne plus", "Network");
    await incident("N4", "nantesA", "VPN refuses my password", "Network");
    await incident("N5", "nantesB", "Cannot reach the VPN gateway", "Network");
    await incident("W1", "lyonA", "Wi-Fi très lent", "Network");
    await incident("W2", "lyonA", "Pas de wifi en salle B", "Network");
    await incident("W3", "lyonC", "WiFi drops", "Network");
    // any status counts: a resolved one stays in its cluster
    await resolveTicket(ctx.deps, people.n1, n3.id, { resolution: "Restarted the client.", code: "fixed" });
    // ... but none of these: outside the window, linked, a request, merged, closed as a duplicate
    await incident("X1", "nantesA", "VPN timeout", "Network", { at: new Date(NOW.getTime() - 8 * DAY) });
    const linked = await incident("X2", "lyonA", "VPN down", "Network");
    await createProblem(ctx.deps, n2, { fromIncidentId: linked.id });
    await incident("X3", "lyonA", "VPN access for a contractor", "Network", { type: "request" });
    const merged = await incident("X4", "lyonB", "VPN slow", "Network");
    await ctx.deps.db.getRepository(Ticket).update({ id: merged.id }, { mergedIntoId: ids.N1 });
    const duplicate = await incident("X5", "lyonC", "VPN broken", "Network");
    await ctx.deps.db.getRepository(Ticket).update({ id: duplicate.id }, { status: "closed", resolutionCode: "duplicate" });
    // Printing: "printer" is in 8 of 10 (broad): it clusters only as a pair, "jam + printer"
    await incident("P1", "lyonA", "Printer jams on floor 2", "Printing");
    await incident("P2", "lyonA", "Printer jam again", "Printing");
    await incident("P3", "lyonC", "The printer jams every time", "Printing");
    await incident("P4", "nantesA", "Printer jams with A3 paper", "Printing");
    await incident("P5", "nantesA", "Printer jams, urgent", "Printing");
    await incident("P6", "nantesB", "Printer prints blank pages", "Printing");
    await incident("P7", "nantesB", "Printer offline", "Printing");
    await incident("P8", "paris", "Colour printer missing", "Printing");
    await incident("P9", "paris", "Scanner sends empty PDFs", "Printing");
    await incident("P10", "lyonC", "Toner low", "Printing");
    // Hardware: six from Lyon; "docking" and "station" (five) are inside the Lyon cluster
    await incident("H1", "lyonA", "Docking-station broken", "Hardware");
    await incident("H2", "lyonB", "Docking station not detected", "Hardware");
    await incident("H3", "lyonC", "Screen flickers on the docking station", "Hardware");
    await incident("H4", "lyonA", "Docking station dead", "Hardware");
    await incident("H5", "lyonC", "Docking station makes noise", "Hardware");
    await incident("H6", "lyonA", "Laptop battery drains", "Hardware");
    // no category: no cluster, however many from Lyon
    for (let i = 1; i <= 5; i++) await incident(`U${i}`, "lyonA", "Laptop won't boot", null);
    // Software: "écran" five times (case, accents, plural); "problème" and "urgent" are stop words
    await incident("S1", "nantesA", "Écran noir au démarrage", "Software");
    await incident("S2", "nantesB", "ecran noir", "Software");
    await incident("S3", "paris", "Les écrans clignotent", "Software");
    await incident("S4", "nowhere", "Problème d'écran urgent", "Software");
    await incident("S5", "nowhere", "L'ÉCRAN reste noir", "Software");
    await incident("S6", "nantesA", "Excel : problème urgent", "Software");
    await incident("S7", "paris", "Problème avec Teams", "Software");
    await incident("S8", "nowhere", "Problème de licence", "Software");
    await incident("S9", "nantesB", "Problème Outlook urgent", "Software");
    ctx.clock.set(NOW);
  }

  /** The expected clusters, written by hand: key, value shown, incidents (oldest first). */
  const expected = () => [
    { key: `${cat.Hardware}|location|lyon`, value: "Lyon", ticketIds: named("H1", "H2", "H3", "H4", "H5", "H6") },
    { key: `${cat.Network}|keyword|vpn`, value: "vpn", ticketIds: named("N1", "N2", "N3", "N4", "N5") },
    { key: `${cat.Network}|location|lyon`, value: "Lyon", ticketIds: named("N1", "N2", "N3", "W1", "W2", "W3") },
    { key: `${cat.Printing}|keyword|jam+printer`, value: "jam + printer", ticketIds: named("P1", "P2", "P3", "P4", "P5") },
    { key: `${cat.Software}|keyword|ecran`, value: "ecran", ticketIds: named("S1", "S2", "S3", "S4", "S5") },
  ].sort((a, b) => a.key.localeCompare(b.key));

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    cat = Object.fromEntries((await ctx.deps.db.getRepository(Category).find()).map((c) => [c.name, c.id]));
    n2 = await makeAgent(ctx.deps, 2, { username: "ps-n2" });
    people = { n1: await makeAgent(ctx.deps, 1, { username: "ps-n1" }) };
    const where: [string, string | null][] = [["lyonA", "Lyon"], ["lyonB", " lyon"], ["lyonC", "Lyon"], ["nantesA", "Nantes"], ["nantesB", "Nantes"], ["paris", "Paris HQ"], ["nowhere", null]];
    for (const [name, location] of where) {
      people[name] = await makeUser(ctx.deps, { username: `ps-${name.toLowerCase()}` });
      await ctx.deps.db.getRepository(User).update({ id: people[name].id }, { location });
    }
    await craft();
  });

  it("finds exactly the expected clusters in the crafted data set, and stores them", async () => {
    const incidents = await windowIncidents(ctx.deps, new Date(NOW.getTime() - 7 * DAY), NOW);
    expect(incidents.map((i) => i.id).sort((a, b) => a - b)).to.deep.equal(
      named("N1", "N2", "N3", "N4", "N5", "W1", "W2", "W3", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10",
        "H1", "H2", "H3", "H4", "H5", "H6", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"));
    const clusters = clusterIncidents(incidents, 5).map((c) => ({ key: c.key, value: c.value, ticketIds: c.ticketIds }));
    expect([...clusters].sort((a, b) => a.key.localeCompare(b.key))).to.deep.equal(expected());

    const counts = await refreshProblemSuggestions(ctx.deps);
    expect(counts).to.deep.equal({ incidents: 33, found: 5, new: 5, kept: 0, unchanged: 0, keptDismissed: 0, revived: 0, removed: 0, forgotten: 0 });
    expect(await rows()).to.deep.equal(expected().map((e) => ({ ...e, count: e.ticketIds.length, dismissed: false })));
    const vpn = await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ clusterKey: `${cat.Network}|keyword|vpn` });
    expect(vpn).to.deep.include({ dimension: "keyword", categoryId: cat.Network });
    expect([vpn.firstIncidentAt.getTime(), vpn.lastIncidentAt.getTime()]).to.deep.equal([NOW.getTime() - 6 * DAY + 10 * 60_000, NOW.getTime() - 6 * DAY + 50 * 60_000]);
    // a higher threshold: the six-incident clusters, and "printer" alone: no pair with it reaches six any more
    expect(clusterIncidents(incidents, 6).map((c) => c.key).sort()).to.deep.equal(
      [`${cat.Hardware}|location|lyon`, `${cat.Network}|location|lyon`, `${cat.Printing}|keyword|printer`].sort());
  });

  it("remembers a dismissal across refreshes, until a new cluster's worth of incidents joins it", async () => {
    await refreshProblemSuggestions(ctx.deps);
    const vpn = await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ clusterKey: `${cat.Network}|keyword|vpn` });
    await dismissSuggestion(ctx.deps, n2, vpn.id);
    const listed = async () => (await listSuggestions(ctx.deps, n2)).rows.map((r) => r.suggestion.clusterKey);
    ctx.clock.set(new Date(NOW.getTime() + HOUR));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ found: 5, new: 0, kept: 4, keptDismissed: 1, revived: 0 });
    expect(await listed()).to.not.include(vpn.clusterKey);
    expect(await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ id: vpn.id })).to.deep.include({ dismissedById: n2.id });
    // four new VPN incidents after the dismissal: still dismissed (the cluster is 9 now)
    const titles = ["VPN : erreur 809", "VPN coupe", "VPN instable", "No VPN at home", "VPN lost again"];
    for (const [k, title] of titles.slice(0, 4).entries()) await incident(`V${k}`, "nantesA", title, "Network", { at: new Date(NOW.getTime() + 2 * HOUR + k * 60_000) });
    ctx.clock.set(new Date(NOW.getTime() + 3 * HOUR));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ keptDismissed: 1, revived: 0 });
    expect((await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ id: vpn.id })).count).to.equal(9);
    expect(await listed()).to.not.include(vpn.clusterKey);
    // the fifth: it comes back, the same row
    await incident("V4", "nantesA", titles[4], "Network", { at: new Date(NOW.getTime() + 4 * HOUR) });
    ctx.clock.set(new Date(NOW.getTime() + 5 * HOUR));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ keptDismissed: 0, revived: 1 });
    expect(await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ id: vpn.id })).to.deep.include({ dismissedAt: null, dismissedById: null, count: 10 });
    expect(await listed()).to.include(vpn.clusterKey);
  });

  it("forgets a dismissal once no cluster of its key formed for a whole window, and removes the clusters that are gone", async () => {
    await refreshProblemSuggestions(ctx.deps);
    const hardware = await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ clusterKey: `${cat.Hardware}|location|lyon` });
    await dismissSuggestion(ctx.deps, n2, hardware.id);
    // two days on: the oldest incidents left the window, every cluster with them
    ctx.clock.set(new Date(NOW.getTime() + 2 * DAY));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ incidents: 0, found: 0, removed: 4, forgotten: 0 });
    expect(await rows()).to.have.length(1);
    ctx.clock.set(new Date(NOW.getTime() + 8 * DAY));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ removed: 0, forgotten: 1 });
    expect(await rows()).to.deep.equal([]);
  });

  it("reads the window in batches through the index range of unlinked incidents (each batch starts at its cursor)", async () => {
    const { sql, values } = windowBatch(NOW, [NOW.getTime() - 7 * DAY, 0]);
    const batch = await rawQuery<{ id: number }>(ctx.deps.db, sql, values);
    expect(batch.map((r) => Number(r.id))).to.include.members(named("N1", "S9"));
    // the cursor's instant: only the later ids of that instant
    const n2t = await ctx.deps.db.getRepository(Ticket).findOneByOrFail({ id: ids.N2 });
    const at = windowBatch(NOW, [n2t.createdAt.getTime(), ids.N2]);
    const after = (await rawQuery<{ id: number }>(ctx.deps.db, at.sql, at.values)).map((r) => Number(r.id));
    expect(after).to.include(ids.N3);
    expect(after).to.not.include.members(named("N1", "N2"));
    if (ctx.deps.db.options.type === "postgres") return;
    const plan = (await ctx.deps.db.query(`EXPLAIN QUERY PLAN ${sql}`, values) as { detail: string }[]).map((r) => r.detail).join("\n");
    expect(plan).to.contain("USING INDEX ix_tickets_incident_unlinked (created_at>? AND created_at<?)");
    // ... and the range starts at the cursor, not at the window's start: the index seek's key is the cursor's parameter
    const code = await ctx.deps.db.query(`EXPLAIN ${at.sql}`, at.values) as { addr: number; opcode: string; p1: number; p2: number; p3: number }[];
    const seek = code.find((op) => op.opcode === "SeekGE")!;
    const loaded = code.filter((op) => op.opcode === "Variable" && op.p2 === seek.p3 && op.addr < seek.addr).pop()!;
    expect(at.values[loaded.p1 - 1]).to.equal(n2t.createdAt.getTime());
  });

  it("a dismissed cluster hides none of the narrower clusters inside it", async () => {
    await refreshProblemSuggestions(ctx.deps);
    // Hardware: the six from Lyon hide "docking" (five of them) while the Lyon cluster is live
    expect((await rows()).map((r) => r.key)).to.not.include(`${cat.Hardware}|keyword|docking`);
    const lyon = await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ clusterKey: `${cat.Hardware}|location|lyon` });
    await dismissSuggestion(ctx.deps, n2, lyon.id);
    ctx.clock.set(new Date(NOW.getTime() + HOUR));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ new: 1, keptDismissed: 1 });
    const listed = (await listSuggestions(ctx.deps, n2)).rows.map((r) => ({ key: r.suggestion.clusterKey, ids: r.suggestion.ticketIds }));
    expect(listed).to.deep.include({ key: `${cat.Hardware}|keyword|docking`, ids: named("H1", "H2", "H3", "H4", "H5") });
    expect(listed.map((r) => r.key)).to.not.include(lyon.clusterKey);
    // and it stays so at the next run (the dismissed one still there, still dismissed)
    ctx.clock.set(new Date(NOW.getTime() + 2 * HOUR));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ new: 0, keptDismissed: 1, removed: 0 });
  });

  it("keeps a broad word broad while it stays near half of its category (no flip between a word and its pairs)", async () => {
    await refreshProblemSuggestions(ctx.deps);
    const jam = await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ clusterKey: `${cat.Printing}|keyword|jam+printer` });
    await dismissSuggestion(ctx.deps, n2, jam.id);
    // six more Printing incidents without "printer": 8 of 16 is not over half, but still over the 40 % a broad word keeps
    for (const [k, title] of ["Scanner slow", "Fax dead", "Label maker", "Plotter offline", "Copier noise", "Badge reader"].entries()) {
      await incident(`Q${k}`, "nowhere", title, "Printing", { at: new Date(NOW.getTime() + HOUR + k * 60_000) });
    }
    ctx.clock.set(new Date(NOW.getTime() + 2 * HOUR));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ new: 0, keptDismissed: 1 });
    expect((await rows()).filter((r) => r.key.startsWith(`${cat.Printing}|`)).map((r) => [r.key, r.dismissed])).to.deep.equal([[jam.clusterKey, true]]);
  });

  it("runs as the registered problem-suggest job, idempotent: a second run finds the same and changes nothing", async () => {
    expect(jobDefinitions().map((d) => d.name)).to.include("problem-suggest");
    expect(problemSuggestJob().defaultSchedule).to.equal("17 * * * *");
    const first = await runJob(ctx.deps, problemSuggestJob(), { trigger: "cli" });
    expect(first.outcome).to.equal("success");
    expect(first.counts).to.deep.include({ found: 5, new: 5, kept: 0 });
    const before = await ctx.deps.db.getRepository(ProblemSuggestion).find({ order: { id: "ASC" } });
    ctx.clock.set(new Date(NOW.getTime() + 10 * 60_000));
    const second = await runJob(ctx.deps, problemSuggestJob(), { trigger: "cli" });
    expect(second.counts).to.deep.equal({ incidents: 33, found: 5, new: 0, kept: 5, unchanged: 5, keptDismissed: 0, revived: 0, removed: 0, forgotten: 0 });
    // nothing written: refreshed_at is when a cluster's content last changed
    const after = await ctx.deps.db.getRepository(ProblemSuggestion).find({ order: { id: "ASC" } });
    expect(after).to.deep.equal(before);
    expect(after.every((r) => r.refreshedAt.getTime() === NOW.getTime())).to.equal(true);
    // one more incident joins one cluster: that row only is written
    await incident("N6", "nantesA", "VPN again", "Network", { at: new Date(NOW.getTime() + 15 * 60_000) });
    ctx.clock.set(new Date(NOW.getTime() + 20 * 60_000));
    expect(await refreshProblemSuggestions(ctx.deps)).to.deep.include({ kept: 5, unchanged: 4 });
    const vpn = await ctx.deps.db.getRepository(ProblemSuggestion).findOneByOrFail({ clusterKey: `${cat.Network}|keyword|vpn` });
    expect([vpn.count, vpn.refreshedAt.getTime()]).to.deep.equal([6, NOW.getTime() + 20 * 60_000]);
  });
});
