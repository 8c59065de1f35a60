import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import type { Locator, Page } from "playwright-core";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2 } from "../factories";
import type { TestContext } from "../helpers/context";
import type { Actor } from "../../src/access/actor";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { createCategory } from "../../src/modules/admin/commands/create-category";
import { Category } from "../../src/modules/tickets/category.entity";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { escalateTicket } from "../../src/modules/tickets/commands/escalate-ticket";
import { resolveTicket } from "../../src/modules/tickets/commands/resolve-ticket";
import { reopenTicket } from "../../src/modules/tickets/commands/reopen-ticket";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { answerSurvey, definitionOf, refreshKpiFacts, type KpiName } from "../../src/modules/reporting";
import { DESKTOP, PHONE, SCREENSHOTS, STRINGS, browserSuite, escapeRegExp, fill, frenchTypographyIssues, screenshot, signIn, squash, type Lang } from "./helpers";

/** The people and words of the dashboard tests, in each language (a French page shows French data). */
export function reportText(lang: Lang) {
  return lang === "en"
    ? { emp: "Emma Martin", emp2: "Oscar Reyes", n1: "Nico Dupont", n2: "Sam Leroy", sup: "Iris Chen", network: "Network", printers: "Printing", reason: "Needs N2" }
    : { emp: "Élodie Bernard", emp2: "Gaëlle Lefèvre", n1: "Noël Girard", n2: "Séverine Roux", sup: "Inès Lambert", network: "Réseau", printers: "Impression", reason: "Relève du N2" };
}

/** "Today" of the seed (Wednesday 25 November 2026, 16:00 in Paris) and the first day of the default 30 days. */
const [TODAY, DEFAULT_FROM] = ["2026-11-25", "2026-10-27"];
const at = (ctx: TestContext, local: string) => ctx.clock.set(new Date(`${local}:00+01:00`));

/**
 * A small desk, through the commands, the clock moved between them (Paris, business hours
 * Mon-Fri 08:00-18:00, every ticket P4). A is resolved at once (rated 5); B escalated to N2
 * and resolved there (rated 2); C resolved, reopened, resolved again; D waits on the
 * requester; E nobody took; F escalated, not yet taken by N2; G resolved today (rated 4).
 *
 *           created         first response   resolved     group now
 *  A  Mon 16 10:00      10:30 (30 min)     16 12:00     N1
 *  B  Tue 17 10:00      10:20 (20 min)     Thu 19 11:00 N2 (by N2)
 *  C  Wed 18 09:00      09:15 (15 min)     Mon 23 10:00 N1 (reopened on Fri 20)
 *  D  Fri 20 11:00      11:30              pending      N1 (held by N1)
 *  E  Mon 23 09:00      -                  new          N1
 *  F  Tue 24 09:30      09:40              escalated    N2
 *  G  Wed 25 09:00      09:05 (5 min)      25 09:35     N1
 */
export async function seedDesk(ctx: TestContext, lang: Lang): Promise<{ n2Group: number; sup: Actor; n1: Actor }> {
  const { deps } = ctx;
  const text = reportText(lang);
  const emp = await makeUser(deps, { username: `rep-emp-${lang}`, name: text.emp, locale: lang });
  const emp2 = await makeUser(deps, { username: `rep-emp2-${lang}`, name: text.emp2, locale: lang });
  const n1 = await makeAgent(deps, 1, { username: `rep-n1-${lang}`, name: text.n1 });
  const n2 = await makeAgent(deps, 2, { username: `rep-n2-${lang}`, name: text.n2 });
  const sup = await makeUser(deps, { username: `rep-sup-${lang}`, name: text.sup, role: "supervisor", groups: [N1], locale: lang });
  // the English ones are among the default categories; the French ones are made
  const category = async (name: string) => (await deps.db.getRepository(Category).findOneBy({ name }))?.id
    ?? (await createCategory(deps, SYSTEM_ACTOR, { name, defaultGroupId: await groupId(deps, N1), active: true })).id;
  const [network, printers] = [await category(text.network), await category(text.printers)];
  const ticket = (who: Actor, title: string, categoryId: number) => makeTicket(deps, who, { title, categoryId });
  const resolve = (who: Actor, id: number) => resolveTicket(deps, who, id, { resolution: "Done.", code: "fixed" });
  const escalate = (id: number) => escalateTicket(deps, n1, id, { groupId: null, reason: text.reason, note: text.reason });
  const rate = (who: Actor, id: number, score: number) => answerSurvey(deps, who.id, { id }, { score, comment: null });
  const take = async (who: Actor, id: number, local: string) => { at(ctx, local); await takeTicket(deps, who, id); };

  at(ctx, "2026-11-16T10:00"); const a = await ticket(emp, "VPN drops", network); await take(n1, a.id, "2026-11-16T10:30");
  at(ctx, "2026-11-16T12:00"); await resolve(n1, a.id); await rate(emp, a.id, 5);
  at(ctx, "2026-11-17T10:00"); const b = await ticket(emp2, "Label printer offline", printers); await take(n1, b.id, "2026-11-17T10:20");
  at(ctx, "2026-11-17T10:40"); await escalate(b.id); await take(n2, b.id, "2026-11-17T14:00");
  at(ctx, "2026-11-18T09:00"); const c = await ticket(emp, "Wi-Fi slow", network); await take(n1, c.id, "2026-11-18T09:15");
  at(ctx, "2026-11-19T11:00"); await resolve(n2, b.id); await rate(emp2, b.id, 2);
  at(ctx, "2026-11-20T10:00"); await resolve(n1, c.id);
  at(ctx, "2026-11-20T11:00"); const d = await ticket(emp2, "Toner order", printers); await take(n1, d.id, "2026-11-20T11:30");
  at(ctx, "2026-11-20T11:45"); await setPending(deps, n1, d.id, { reason: "requester", note: null });
  at(ctx, "2026-11-20T15:00"); await reopenTicket(deps, emp, c.id, { reason: "Still slow" });
  at(ctx, "2026-11-23T09:00"); await ticket(emp, "VPN certificate expired", network);
  at(ctx, "2026-11-23T10:00"); await resolve(n1, c.id);
  at(ctx, "2026-11-24T09:30"); const f = await ticket(emp2, "Printer driver crash", printers); await take(n1, f.id, "2026-11-24T09:40");
  at(ctx, "2026-11-24T10:00"); await escalate(f.id);
  at(ctx, "2026-11-25T09:00"); const g = await ticket(emp, "VPN password reset", network); await take(n1, g.id, "2026-11-25T09:05");
  at(ctx, "2026-11-25T09:35"); await resolve(n1, g.id); await rate(emp, g.id, 4);
  at(ctx, "2026-11-25T16:00"); await refreshKpiFacts(deps);
  return { n2Group: await groupId(deps, N2), sup, n1 };
}

type Figures = Partial<Record<KpiName, string>>;

/** The headline cards the seed gives, as each language writes them (compared squashed: "25 %" has a no-break space). */
export function expected(lang: Lang) {
  const pct = (n: number) => (lang === "en" ? `${n}%` : `${n} %`);
  return {
    /** A supervisor, the last 30 days. */
    all: {
      backlog: "3", unassigned: "2", pending: "1", createdCount: "7", resolvedCount: "4",
      firstResponseMedian: "18 min", fcrRate: pct(50), reopenRate: pct(25), escalationRate: pct(25),
      csatAverage: lang === "en" ? "3.67" : "3,67", csatResponses: "3",
    } satisfies Figures,
    /** N2, the last 7 days: F created (and waiting), B resolved. */
    n2Week: { backlog: "1", unassigned: "1", createdCount: "1", resolvedCount: "1", escalationRate: pct(100), csatAverage: "2" } satisfies Figures,
    /** The N1 agent, the last 30 days: N1's tickets and those they hold (not B nor F). */
    agent: { backlog: "2", createdCount: "5", resolvedCount: "3", escalationRate: pct(0) } satisfies Figures,
    /** The row of Monday 23 November in "Created and resolved per day": E created, C resolved (again). */
    day: { key: "2026-11-23", cells: [lang === "en" ? "23 Nov 2026" : "23 nov. 2026", "1", "1"] },
    /** Friday 20: D created; C was resolved that day but reopened, so its resolution counts on the 23rd. */
    friday: { key: "2026-11-20", cells: [lang === "en" ? "20 Nov 2026" : "20 nov. 2026", "1", "0"] },
  };
}

/** A text as read (runs of white space, no-break ones too, as one space). */
const textOf = async (l: Locator) => squash((await l.textContent()) ?? "");

/** The headline cards show these values. */
export async function expectCards(page: Page, want: Figures): Promise<void> {
  const seen: Figures = {};
  for (const name of Object.keys(want) as KpiName[]) seen[name] = await textOf(page.locator(`#kpi-${name} .kpi-value`));
  expect(seen).to.deep.equal(Object.fromEntries(Object.entries(want).map(([k, v]) => [k, squash(v)])));
}

/** The visible cells of a report table's row. */
export async function rowCells(page: Page, table: string, key: string): Promise<string[]> {
  return (await page.locator(`#table-${table} tr[data-key="${key}"]`).locator("th, td").allInnerTexts()).map(squash);
}

/** The canvas has a Chart.js chart, a size and pixels painted on it (read by a function in the page: no eval, the CSP allows it). */
export async function chartDrawn(canvas: Locator): Promise<{ chart: boolean; sized: boolean; painted: boolean }> {
  type Canvas = { width: number; height: number; getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null };
  return canvas.evaluate((c: Canvas) => {
    const chart = (globalThis as unknown as { Chart?: { getChart(el: unknown): unknown } }).Chart?.getChart(c);
    const pixels = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? [];
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    return { chart: !!chart, sized: c.width * c.height > 0, painted: painted > 500 };
  });
}

/** The one Bootstrap popover open now, its title and body. */
export async function popoverText(page: Page): Promise<{ title: string; body: string }> {
  const pop = page.locator(".popover");
  await pop.waitFor();
  return { title: await textOf(pop.locator(".popover-header")), body: await textOf(pop.locator(".popover-body")) };
}

const SECTIONS = ["backlog", "flow", "times", "quality", "people"];

/**
 * The dashboard journey of issue 8, in one language (reports-en/-fr.test.ts run it): a
 * supervisor reads the figures, the chart and its table, the definitions (mouse and
 * keyboard); filters them; downloads a table; an N1 agent sees only N1's; a phone can use it.
 */
export function reportsSuite(lang: Lang): void {
  const R = STRINGS[lang].reports;
  const want = expected(lang);
  const shot = (page: Page, n: string, name: string) => screenshot(page, `reports-${lang}-${n}-${name}`, lang);
  /** A section's own screenshot, next to the full-page ones (a French one checked for typography first, as screenshot() does). */
  const part = async (page: Page, target: Locator, n: string, name: string) => {
    if (lang === "fr") expect(await frenchTypographyIssues(page), `French typography of ${name}`).to.deep.equal([]);
    await target.screenshot({ path: path.join(SCREENSHOTS, `reports-${lang}-${n}-${name}.png`), animations: "disabled" });
  };
  const definition = (name: KpiName) => ({ title: squash(R.kpi[name]), body: squash(definitionOf(name, lang)) });
  const closed = async (page: Page) => { await page.keyboard.press("Escape"); await page.locator(".popover").waitFor({ state: "detached" }); };

  describe(`Browser (${lang}): the dashboard, its filters, its definitions and its exports`, function () {
    this.timeout(90_000);
    const suite = browserSuite();
    let seed: Awaited<ReturnType<typeof seedDesk>>;
    before(async () => { seed = await seedDesk(suite.server.ctx, lang); });
    const supervisor = async (viewport = DESKTOP) => {
      const s = await suite.open(viewport, lang);
      await signIn(s, seed.sup.username, lang);
      return s;
    };

    it("a supervisor opens it from the nav: the headline figures, the chart and its table, a definition by mouse and by keyboard (screenshots)", async () => {
      const { page } = await supervisor();
      await page.locator("#nav-reports").click();
      await page.waitForURL(/\/reports$/);
      await page.getByRole("heading", { level: 1, name: new RegExp(`^${escapeRegExp(R.title)}`) }).waitFor();
      for (const id of SECTIONS) await page.getByRole("region", { name: R.sections[id as keyof typeof R.sections] }).waitFor();
      await expectCards(page, want.all);

      // the created-vs-resolved chart is drawn; its table is folded under it, one click away, with the same numbers
      const canvas = page.locator("#chart-flow-daily");
      await canvas.waitFor();
      expect(await chartDrawn(canvas), "a Chart.js chart, sized, painted").to.deep.equal({ chart: true, sized: true, painted: true });
      const table = page.locator("#table-flow-daily");
      expect(await table.isVisible(), "the table is folded once the chart is drawn").to.equal(false);
      await page.locator("#block-flow-daily summary", { hasText: R.show_table }).click();
      await table.waitFor();
      for (const row of [want.day, want.friday]) expect(await rowCells(page, "flow-daily", row.key)).to.deep.equal(row.cells.map(squash));

      // every definition at the foot of the page; a "?" opens one (that of definitions.ts, in the page's language)
      await page.locator("#definitions > summary").click();
      expect(await textOf(page.locator("#definition-fcrRate + dd"))).to.equal(squash(definitionOf("fcrRate", lang)));
      await page.locator("#kpi-fcrRate [data-kpi-help]").click();
      expect(await popoverText(page)).to.deep.equal(definition("fcrRate"));
      await shot(page, "01", "dashboard");
      await closed(page);

      // by keyboard: Tab from the last quick period reaches the first "?", Enter opens it, Escape closes it
      await page.getByRole("navigation", { name: R.filters.quick }).getByRole("link").last().focus();
      await page.keyboard.press("Tab");
      expect(await page.locator("#kpi-backlog [data-kpi-help]:focus").count(), "the first card's ? has the focus").to.equal(1);
      await page.keyboard.press("Enter");
      expect(await popoverText(page)).to.deep.equal(definition("backlog"));
      await part(page, page.locator("#backlog"), "02", "backlog-definition");
      await closed(page);
      expect(await page.locator("#kpi-backlog [data-kpi-help]:focus").count(), "the focus stays on the ?").to.equal(1);
      await part(page, page.locator("#flow"), "03", "flow");
      await suite.finish();
    });

    it("group N2 and the last 7 days change the figures; a bad date is refused next to its field, corrected, shown (screenshots)", async () => {
      const s = await supervisor();
      const { page } = s;
      await page.goto("/reports");
      await page.getByLabel(R.filters.group, { exact: true }).selectOption(String(seed.n2Group));
      await page.getByRole("button", { name: R.filters.apply, exact: true }).click();
      await page.waitForURL(new RegExp(`group=${seed.n2Group}`));
      const quick = page.getByRole("navigation", { name: R.filters.quick }).getByRole("link", { name: fill(R.filters.last_days, { n: 7 }), exact: true });
      await quick.click();
      await page.waitForURL(/from=2026-11-19/);
      expect(new URL(page.url()).searchParams.get("group"), "the quick period keeps the group").to.equal(String(seed.n2Group));
      expect(await quick.getAttribute("aria-current")).to.equal("true");
      await expectCards(page, want.n2Week);
      expect(await page.getByLabel(R.filters.from, { exact: true }).inputValue()).to.equal("2026-11-19");
      // an employee's "this article solved it" has no group: no figure under a group filter, and the card says why
      expect([await textOf(page.locator("#kpi-kbDeflections .kpi-value [aria-hidden='true']")), await textOf(page.locator("#kpi-kbDeflections-note"))]).to.deep.equal(["—", squash(R.not_split)]);
      await shot(page, "04", "n2-last-7-days");

      // a month 13: the date input would not take it, the address does
      s.problems.expectDocument("/reports", 422);
      const refused = await page.goto(`/reports?from=2026-13-01&to=${TODAY}&group=${seed.n2Group}`);
      expect(refused?.status()).to.equal(422);
      const from = page.getByLabel(R.filters.from, { exact: true });
      expect(await from.inputValue(), "what was typed").to.equal("2026-13-01");
      expect([await from.getAttribute("aria-invalid"), await from.getAttribute("aria-describedby")]).to.deep.equal(["true", "from-error"]);
      const error = page.locator("#from-error");
      expect(await error.isVisible()).to.equal(true);
      expect(await textOf(error)).to.equal(squash(R.errors.date));
      expect(await page.locator("#backlog").count(), "no figures for a period that is not one").to.equal(0);
      expect(await page.getByLabel(R.filters.group, { exact: true }).inputValue()).to.equal(String(seed.n2Group));
      await shot(page, "05", "bad-date");
      await from.fill("2026-11-19");
      await page.getByRole("button", { name: R.filters.apply, exact: true }).click();
      await page.locator("#backlog").waitFor();
      await expectCards(page, want.n2Week);
      await suite.finish();
    });

    it("a table's CSV link downloads its file: name, byte order mark, header in the page's language", async () => {
      const { page } = await supervisor();
      await page.goto("/reports");
      const link = page.locator("#block-flow-daily a.csv-link");
      expect(await link.getAttribute("aria-label")).to.equal(fill(R.csv.label, { title: R.tables.flow_daily }));
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(download.suggestedFilename()).to.equal(`niveau-flow-daily-${DEFAULT_FROM}-${TODAY}.csv`);
      const bytes = fs.readFileSync(await download.path());
      expect([...bytes.subarray(0, 3)], "UTF-8 byte order mark").to.deep.equal([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString("utf8").split("\r\n");
      expect(lines[0]).to.equal([R.cols.day, R.cols.created, R.cols.resolved].join(","));
      expect(lines).to.include("2026-11-23,1,1").and.to.include("2026-11-20,1,0");
      expect(lines.length, "a line a day of the 30, the header, the last line's end").to.equal(32);
      await suite.finish();
    });

    it("an N1 agent sees only N1's figures and no N2 among the groups (screenshot)", async () => {
      const s = await suite.open(DESKTOP, lang);
      await signIn(s, seed.n1.username, lang);
      const { page } = s;
      await page.locator("#nav-reports").click();
      await page.locator("#backlog").waitFor();
      await expectCards(page, want.agent);
      expect(want.agent.createdCount).to.not.equal(want.all.createdCount);
      expect(await textOf(page.locator("#report-scope"))).to.equal(squash(R.scope_agent));
      const groups = await page.getByLabel(R.filters.group, { exact: true }).locator("option").allInnerTexts();
      expect(groups.map(squash)).to.deep.equal([R.filters.all, `N1 · ${N1}`]);
      await shot(page, "06", "agent-n1");
      await suite.finish();
    });

    it("on a phone: the page does not scroll sideways, a wide table scrolls in its own box (screenshots)", async () => {
      const { page } = await supervisor(PHONE);
      await page.goto("/reports");
      await page.locator("#chart-flow-daily").waitFor();
      type Box = { scrollWidth: number; clientWidth: number; scrollLeft: number; className: string };
      expect(await page.locator("html").evaluate((el: Box) => el.scrollWidth), "the page's width").to.be.at.most(PHONE.width);
      const wide = page.locator("#block-times-priority .table-responsive");
      const box = await wide.evaluate((el: Box, width: number) => {
        el.scrollLeft = el.scrollWidth;
        return { fits: el.clientWidth <= width, wider: el.scrollWidth > el.clientWidth, scrolled: el.scrollLeft > 0, marked: el.className.includes("is-scrolling") };
      }, PHONE.width);
      // the table is wider than the phone, scrolls inside its box, which shows where its fixed first column ends
      expect(box).to.deep.equal({ fits: true, wider: true, scrolled: true, marked: true });
      await page.locator("#kpi-fcrRate [data-kpi-help]").click();
      expect(await popoverText(page)).to.deep.equal(definition("fcrRate"));
      await part(page, page.locator("#block-times-priority"), "08", "phone-wide-table");
      await closed(page);
      await shot(page, "07", "phone");
      await suite.finish();
    });
  });
}
