import { expect } from "chai";
import type { Page } from "playwright-core";
import { groupId, makeAgent, makeTicket, makeUser, N1, N2 } from "../factories";
import { assetTypeId, setManager, tasksOf } from "../helpers/catalog-fixtures";
import type { Actor } from "../../src/access/actor";
import { SYSTEM_ACTOR } from "../../src/access/policies/admin.policy";
import { withTransaction } from "../../src/platform/db/transaction";
import { createGroup } from "../../src/modules/admin/commands/create-group";
import { attachAssets } from "../../src/modules/assets";
import { createCatalogCategory } from "../../src/modules/catalog";
import { Ticket } from "../../src/modules/tickets/ticket.entity";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { approveLink, capital, catalogJourneyText, labelled, makeAsset, makeCatalogItem, sentence, takeAndResolve, type AssetInput } from "./catalog-journey-kit";
import { DESKTOP, STRINGS, browserSuite, escapeRegExp, expectFlash, expectStatus, fill, openAction, screenshot, signIn, squash, type Lang } from "./helpers";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The catalog journey of the assets issue, in one language: an employee orders a new laptop
 * (a form refused once), their manager approves it from the email link without signing in,
 * N1 hands over an in-stock laptop and resolves the request, and the employee finds it in
 * "My equipment"; a new employee's arrival makes three tasks for three groups and resolves
 * itself when the last is done; an incident on "my laptop" shows the technician the
 * device's history and that it keeps failing. catalog-journey-en/-fr.test.ts run it.
 */
export function catalogJourneySuite(lang: Lang): void {
  const L = STRINGS[lang];
  const text = catalogJourneyText(lang);
  const shot = (page: Page, n: string, name: string) => screenshot(page, `catalog-${lang}-${n}-${name}`, lang);

  describe(`Browser (${lang}): the service catalog, approvals, fulfilment and assets`, function () {
    this.timeout(60_000);
    const suite = browserSuite();
    let emp: Actor;
    let facilities: number;

    before(async () => {
      const { deps } = suite.server.ctx;
      emp = await makeUser(deps, { username: `cj-emp-${lang}`, name: text.employee, locale: lang });
      const boss = await makeUser(deps, { username: `cj-boss-${lang}`, name: text.boss, locale: lang });
      await setManager(deps, emp, boss);
      await makeAgent(deps, 1, { username: `cj-n1-${lang}`, name: text.n1 });
      await makeAgent(deps, 2, { username: `cj-n2-${lang}`, name: text.n2 });
      facilities = (await createGroup(deps, SYSTEM_ACTOR, { name: "Facilities", tier: 1, email: null })).id;
      await makeUser(deps, { username: `cj-fac-${lang}`, name: text.facilities, role: "agent", groups: ["Facilities"] });
    });

    const item = (over: Record<string, unknown>) => makeCatalogItem(suite.server.ctx.deps, over);
    const asset = (input: AssetInput) => makeAsset(suite.server.ctx.deps, input);

    it("a new laptop: ordered, approved from the email link, handed over by N1, in My equipment (screenshots)", async () => {
      const { deps, clock } = suite.server.ctx;
      const later = (minutes: number) => clock.advance(minutes * MINUTE);
      const category = await createCatalogCategory(deps, SYSTEM_ACTOR, { name: text.equipment, description: text.equipmentHint });
      const t = text.laptop;
      const laptop = await item({
        name: t.name, description: t.description, icon: "laptop", categoryId: category.id, approval: "manager",
        fulfilAssetTypeId: await assetTypeId(deps, "laptop"),
        fields: [
          { name: "model", label: t.model, type: "choice", required: true, options: ["ThinkPad T14", "MacBook Air 13"] },
          { name: "needed_by", label: t.neededBy, type: "date", required: true, help: t.neededByHelp },
          { name: "second_screen", label: t.screen, type: "boolean" },
          { name: "usage", label: t.usage, type: "longtext", required: true },
        ],
      });
      await asset({ tag: "PC-00412", name: "ThinkPad T14 Gen 4", manufacturer: "Lenovo", model: "T14 Gen 4", serial: "PF4XK21" });
      await asset({ tag: "PC-00413", name: "ThinkPad T14 Gen 4", manufacturer: "Lenovo", model: "T14 Gen 4" });
      await asset({ tag: "MON-0077", name: "Dell P2723D", type: "monitor", manufacturer: "Dell", model: "P2723D" });
      later(60);

      // --- a) the employee orders from the portal's catalog; the date is forgotten the first time
      const e = await suite.open();
      await signIn(e, `cj-emp-${lang}`, lang);
      await e.page.getByRole("link", { name: new RegExp(escapeRegExp(L.portal.request)) }).click();
      await e.page.getByRole("heading", { level: 1, name: L.catalog.title }).waitFor();
      await e.page.getByRole("region", { name: text.equipment }).getByRole("link", { name: new RegExp(escapeRegExp(t.name)) }).click();
      await e.page.getByRole("heading", { level: 1, name: t.name }).waitFor();
      await e.page.getByRole("group", { name: labelled(t.model) }).getByLabel("ThinkPad T14", { exact: true }).check();
      await e.page.getByLabel(t.screen).check();
      await e.page.getByLabel(labelled(t.usage)).fill(t.usageAnswer);
      e.problems.expectDocument(`/catalog/${laptop.id}`, 422);
      await e.page.getByRole("button", { name: L.catalog.submit, exact: true }).click();
      const date = e.page.getByLabel(labelled(t.neededBy));
      await e.page.locator("#needed_by-error").waitFor();
      expect(await date.getAttribute("aria-invalid")).to.equal("true");
      expect((await date.getAttribute("aria-describedby"))?.split(" ")).to.include("needed_by-error");
      expect(await e.page.locator("#needed_by-error").textContent()).to.equal(L.validation.required);
      // what was typed is still there
      expect(await e.page.getByLabel(labelled(t.usage)).inputValue()).to.equal(t.usageAnswer);
      expect(await e.page.getByLabel("ThinkPad T14", { exact: true }).isChecked()).to.equal(true);
      expect(await e.page.getByLabel(t.screen).isChecked()).to.equal(true);
      await shot(e.page, "01", "form-error");
      await date.fill("2026-12-07");
      await e.page.getByRole("button", { name: L.catalog.submit, exact: true }).click();
      await e.page.waitForURL(/\/tickets\/REQ-\d{6}$/);
      const number = /REQ-\d{6}/.exec(e.page.url())![0];
      await expectFlash(e.page, squash(fill(L.catalog.flash.requested, { number })));
      const answers = e.page.getByRole("region", { name: fill(L.catalog.answers.heading, { item: t.name }) });
      for (const v of ["ThinkPad T14", L.catalog.answers.yes, "Premiere Pro"]) await answers.getByText(v).first().waitFor();
      await e.page.getByText(L.explain.pending_approval).waitFor();
      await e.page.locator("#fulfilment").getByText(fill(L.approvals.fulfilment.pending, { name: text.boss })).waitFor();
      await shot(e.page, "02", "request-awaiting-approval");

      // --- b) the manager approves from the email link, in a browser that is not signed in
      later(50);
      const link = await approveLink(deps, `cj-boss-${lang}@example.org`);
      const boss = await suite.open(DESKTOP, lang);
      await boss.page.goto(link);
      await boss.page.getByRole("heading", { level: 1, name: fill(L.approvals.link.confirm_approve, { number }) }).waitFor();
      const summary = boss.page.locator("#approval-summary");
      await summary.getByText(text.employee).waitFor();
      await boss.page.locator("#request-answers").getByText("ThinkPad T14").waitFor();
      await shot(boss.page, "03", "approval-link");
      await boss.page.getByRole("button", { name: L.approvals.show.approve, exact: true }).click();
      await boss.page.getByText(squash(fill(L.approvals.link.done_approved, { number, title: t.name }))).waitFor();
      await shot(boss.page, "04", "approval-done");

      // --- c) N1 finds it in the queue, hands over an in-stock laptop and resolves it
      later(20);
      const n1 = await suite.open();
      await signIn(n1, `cj-n1-${lang}`, lang);
      await n1.page.goto("/desk/queues/1");
      await n1.page.getByRole("row").filter({ hasText: number }).getByRole("link", { name: number }).click();
      await n1.page.waitForURL(new RegExp(`/tickets/${number}$`));
      await n1.page.locator("#approval-state").getByText(sentence(L.approvals.fulfilment.approved, { name: text.boss })).waitFor();
      await n1.page.getByRole("button", { name: L.action.take, exact: true }).click();
      await expectFlash(n1.page, L.flash.take);
      const panel = n1.page.getByRole("region", { name: L.approvals.fulfilment.heading });
      await panel.getByLabel(L.approvals.fulfilment.hand_over_label).selectOption({ label: "PC-00412 — ThinkPad T14 Gen 4 — T14 Gen 4" });
      await panel.getByRole("button", { name: L.approvals.fulfilment.hand_over_button, exact: true }).click();
      await expectFlash(n1.page, fill(L.approvals.flash.handed_over, { tag: "PC-00412" }));
      await panel.getByText(`PC-00412 — ThinkPad T14 Gen 4`).waitFor();
      await n1.page.locator("#assets").getByRole("link", { name: "PC-00412" }).waitFor();
      await shot(n1.page, "05", "fulfilment-handed-over");
      later(5);
      await openAction(n1.page, L.action.resolve);
      await n1.page.getByLabel(L.ticket.resolution_code).selectOption({ label: L.resolution_code.fixed });
      await n1.page.getByLabel(L.ticket.resolution_text).fill(text.resolution);
      await n1.page.getByRole("button", { name: L.action.resolve, exact: true }).click();
      await expectFlash(n1.page, L.flash.resolve);
      await expectStatus(n1.page, lang, "resolved");
      // the asset's page: its new owner, and the hand-over in its history with the request
      await n1.page.locator("#assets").getByRole("link", { name: "PC-00412" }).click();
      await n1.page.waitForURL(/\/assets\/PC-00412$/);
      await n1.page.getByRole("region", { name: L.assets.record }).getByText(text.employee).waitFor();
      const history = n1.page.locator("#asset-history");
      const assigned = history.getByRole("listitem").filter({ hasText: sentence(capital(L.assets.kinds.assigned), { from: "—", to: text.employee }) });
      await assigned.getByRole("link", { name: number }).waitFor();
      expect(squash(await assigned.innerText())).to.contain(text.n1);
      await n1.page.locator("#asset-tickets").getByRole("link", { name: number }).waitFor();
      await shot(n1.page, "06", "asset-assigned");

      // --- d) the employee sees it resolved, and the laptop in "My equipment"
      later(30);
      await e.page.goto(`/tickets/${number}`);
      await expectStatus(e.page, lang, "resolved");
      await e.page.getByText(text.resolution).waitFor();
      await e.page.locator("#handed-over").getByText("PC-00412 — ThinkPad T14 Gen 4").waitFor();
      await shot(e.page, "07", "request-resolved");
      await e.page.getByRole("link", { name: L.assets.mine.nav, exact: true }).click();
      await e.page.waitForURL(/\/my\/equipment$/);
      const device = e.page.getByRole("region", { name: "ThinkPad T14 Gen 4" });
      await device.getByText("PC-00412", { exact: true }).waitFor();
      await device.getByText(L.assets.status.in_use).waitFor();
      await shot(e.page, "08", "my-equipment");
      expect((await deps.db.getRepository(Ticket).findOneByOrFail({ id: Number(number.slice(4)) })).status).to.equal("resolved");
      await suite.finish();
    });

    it("a new employee's arrival: three tasks for three groups, resolved by itself after the last (screenshots)", async () => {
      const { deps, clock } = suite.server.ctx;
      const later = (minutes: number) => clock.advance(minutes * MINUTE);
      const a = text.arrival;
      const people = await createCatalogCategory(deps, SYSTEM_ACTOR, { name: text.people, description: null });
      await item({
        name: a.name, description: a.description, icon: "person", categoryId: people.id, approval: "none",
        fields: [{ name: "newcomer", label: a.who, type: "text", required: true }, { name: "start", label: a.start, type: "date", required: true }],
        tasks: [
          { title: a.tasks[0], groupId: await groupId(deps, N1) }, { title: a.tasks[1], groupId: await groupId(deps, N2) },
          { title: a.tasks[2], groupId: facilities },
        ],
      });

      const e = await suite.open();
      await signIn(e, `cj-emp-${lang}`, lang);
      await e.page.goto("/catalog");
      await e.page.getByRole("region", { name: text.people }).getByRole("link", { name: new RegExp(escapeRegExp(a.name)) }).click();
      await e.page.getByLabel(labelled(a.who)).fill(text.newcomer);
      await e.page.getByLabel(labelled(a.start)).fill("2026-12-01");
      await e.page.getByRole("button", { name: L.catalog.submit, exact: true }).click();
      await e.page.waitForURL(/\/tickets\/REQ-\d{6}$/);
      const number = /REQ-\d{6}/.exec(e.page.url())![0];
      const progress = (done: number) => e.page.locator("#task-progress-text").getByText(fill(L.approvals.fulfilment.progress, { done, total: 3 }), { exact: true });
      await progress(0).waitFor();
      const tasks = e.page.locator("#fulfilment-tasks").getByRole("listitem");
      expect((await tasks.allInnerTexts()).map(squash)).to.deep.equal(a.tasks.map((title) => `${title} ${L.status.new}`));
      await shot(e.page, "09", "arrival-three-tasks");

      // --- each group's agent resolves their task; the request resolves itself after the last
      const children = await tasksOf(deps, Number(number.slice(4)));
      expect(children.map((c) => c.groupId)).to.deep.equal([await groupId(deps, N1), await groupId(deps, N2), facilities]);
      const agents = [`cj-n1-${lang}`, `cj-n2-${lang}`, `cj-fac-${lang}`];
      for (const [i, child] of children.entries()) {
        later(45);
        const s = await suite.open();
        await signIn(s, agents[i], lang);
        const task = formatNumber(child.type, child.id);
        await s.page.goto(`/tickets/${task}`);
        await s.page.locator("#task-of").getByRole("link", { name: fill(L.approvals.fulfilment.task_of, { number }) }).waitFor();
        await takeAndResolve(s.page, lang, text.taskResolutions[i]);
        if (i === 1) {
          await e.page.reload();
          await progress(2).waitFor();
          await expectStatus(e.page, lang, "open");
          await shot(e.page, "10", "arrival-two-of-three");
        }
        if (i === 2) {
          // the last agent follows the link to the request: resolved with every task done
          await s.page.locator("#task-of").getByRole("link", { name: fill(L.approvals.fulfilment.task_of, { number }) }).click();
          await s.page.waitForURL(new RegExp(`/tickets/${number}$`));
          await expectStatus(s.page, lang, "resolved");
          await s.page.locator("#task-progress-text").getByText(fill(L.approvals.fulfilment.progress, { done: 3, total: 3 }), { exact: true }).waitFor();
          await shot(s.page, "11", "arrival-resolved-desk");
        }
      }
      await e.page.reload();
      await expectStatus(e.page, lang, "resolved");
      await progress(3).waitFor();
      await shot(e.page, "12", "arrival-resolved");
      await suite.finish();
    });

    it("an incident on my laptop shows the technician the device's history and that it keeps failing (screenshots)", async () => {
      const { deps, clock } = suite.server.ctx;
      const now = clock.now();
      // handed to the employee last year
      clock.set(new Date(now.getTime() - 400 * DAY));
      const mine = await asset({
        tag: "PC-00231", name: "Latitude 7440", manufacturer: "Dell", model: "7440", serial: "7XK2Q93", owner: `cj-emp-${lang}`, warrantyEnd: "2027-03-31",
      });
      // three incidents about it in the last thirty days
      for (const [i, title] of text.oldIncidents.entries()) {
        clock.set(new Date(now.getTime() - (25 - i * 8) * DAY));
        const old = await makeTicket(deps, emp, { title, description: text.incident.description });
        await withTransaction(deps.db, (tx) => attachAssets(tx, old.id, [mine.id], emp.id, clock.now()));
      }
      clock.set(now);

      const e = await suite.open();
      await signIn(e, `cj-emp-${lang}`, lang);
      await e.page.getByRole("main").getByRole("link", { name: L.portal.report }).click();
      await e.page.waitForURL(/\/portal\/new\?type=incident$/);
      await e.page.getByLabel(L.new.title_incident).fill(text.incident.title);
      await e.page.getByLabel(L.new.description_incident).fill(text.incident.description);
      // a category whose default group is the service desk (keeps the journey independent of which tier-1 group takes uncategorised incidents)
      await e.page.getByLabel(L.new.category).selectOption({ label: "Hardware" });
      const which = e.page.getByLabel(L.assetTickets.portal_question);
      await which.selectOption({ label: "PC-00231 — Latitude 7440" });
      await shot(e.page, "13", "incident-which-device");
      await e.page.getByRole("button", { name: L.new.submit, exact: true }).click();
      await e.page.waitForURL(/\/tickets\/INC-\d{6}$/);
      const number = /INC-\d{6}/.exec(e.page.url())![0];
      await e.page.locator("#assets").getByText("PC-00231").waitFor();

      clock.advance(10 * MINUTE);
      const n1 = await suite.open();
      await signIn(n1, `cj-n1-${lang}`, lang);
      await n1.page.goto(`/tickets/${number}`);
      const panel = n1.page.getByRole("region", { name: L.assetTickets.heading });
      await panel.getByRole("link", { name: "PC-00231" }).waitFor();
      await panel.getByRole("status").getByText(fill(L.assetTickets.recurring, { count: 4, days: 30 })).waitFor();
      await panel.locator("summary", { hasText: fill(L.assetTickets.recent_history, { tag: "PC-00231" }) }).click();
      await panel.getByText(capital(fill(L.assets.kinds.created, { status: L.assets.status.in_use }))).waitFor();
      await shot(n1.page, "14", "incident-asset-panel");
      // the asset's page says it too, and lists the four incidents
      await panel.getByRole("link", { name: "PC-00231" }).click();
      await n1.page.locator("#recurring-warning").waitFor();
      expect(await n1.page.locator("#asset-tickets tbody tr").count()).to.equal(4);
      await shot(n1.page, "15", "asset-recurring");
      await suite.finish();
    });
  });
}
