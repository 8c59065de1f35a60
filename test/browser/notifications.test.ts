import { expect } from "chai";
import type { Page } from "playwright-core";
import { makeAgent, makeTicket, makeUser } from "../factories";
import type { Actor } from "../../src/access/actor";
import { withTransaction } from "../../src/platform/db/transaction";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { notify, type Notice } from "../../src/modules/notifications/notify";
import { Notification } from "../../src/modules/notifications/notification.entity";
import { browserSuite, escapeRegExp, expectFlash, fill, PHONE, screenshot, signIn, squash, STRINGS, type Lang } from "./helpers";

/** An accessible name as read out, whatever the white space (French no-break spaces too). */
const named = (text: string) => new RegExp(`^${squash(text).split(" ").map(escapeRegExp).join("\\s+")}$`);

describe("Browser: the notification bell, the list and the preferences", function () {
  this.timeout(90_000);
  const suite = browserSuite();
  let emp: Actor;

  before(async () => {
    emp = await makeUser(suite.server.ctx.deps, { username: "bell-emp", name: "Emma Leroy" });
  });

  /** Three unread notices (a warning, a breach, an escalation) and an old read one, for a new agent. */
  async function agentWithNotices(username: string): Promise<{ number: string }> {
    const { deps, clock } = suite.server.ctx;
    const agent = await makeAgent(deps, 1, { username, name: "Noah Martin" });
    const ticket = await makeTicket(deps, emp, { title: "Printer offline" });
    const number = formatNumber(ticket.type, ticket.id);
    const tell = (notice: Omit<Notice, "ticket">) => withTransaction(deps.db, (tx) =>
      notify(tx, deps, [agent.id], { ...notice, ticket: { id: ticket.id, number, title: ticket.title } }));
    await tell({ kind: "sla_breach", params: { target: "response", due: "2026-11-23T08:00:00.000Z" } });
    await deps.db.getRepository(Notification).update({ userId: agent.id }, { readAt: clock.now() });
    await tell({ kind: "sla_warning", params: { target: "resolution", due: "2026-11-25T13:00:00.000Z" } });
    await tell({ kind: "sla_breach", params: { target: "resolution", due: "2026-11-25T13:00:00.000Z" } });
    await tell({ kind: "ticket_escalated_auto", params: { tier: 2 } });
    return { number };
  }

  const bell = (page: Page, lang: Lang, count: number) => {
    const N = STRINGS[lang].notifications;
    return page.getByRole("navigation").getByRole("link", { name: named(N.bell.label + (count ? fill(N.bell.unread, { count }) : "")) });
  };

  for (const lang of ["en", "fr"] as const) {
    it(`the bell counts after load, the list reads, opens and clears (${lang}, screenshots)`, async () => {
      const L = STRINGS[lang];
      const N = L.notifications;
      const { number } = await agentWithNotices(`bell-${lang}`);
      const s = await suite.open();
      await signIn(s, `bell-${lang}`, lang);

      // the count arrives with htmx after the page: a badge, and the number in the link's name
      await bell(s.page, lang, 3).waitFor();
      expect(squash(await s.page.locator("#bell .bell-badge").innerText())).to.equal("3");
      // on a wide screen the label is for screen readers only (clipped to 1 px)
      expect((await s.page.locator("#bell .bell-label").boundingBox())?.width).to.be.at.most(1);
      await screenshot(s.page, `notifications-bell-${lang}`, lang);

      await bell(s.page, lang, 3).click();
      await s.page.waitForURL(/\/notifications$/);
      await s.page.getByRole("heading", { level: 1, name: N.title }).waitFor();
      const items = s.page.locator("#notices > li");
      expect(await items.count()).to.equal(4);
      // unread ones say so in words, not only in colour
      expect(await s.page.locator("#notices .notice-new").allInnerTexts()).to.deep.equal([N.new, N.new, N.new]);
      const first = squash(await items.first().innerText());
      const escalated = fill(N.kinds.ticket_escalated_auto, { number, title: "Printer offline", tier: 2 });
      expect(first).to.contain(squash(escalated));
      const warning = squash(await items.nth(2).innerText());
      expect(warning).to.contain(lang === "fr" ? "25 nov. 2026, 14:00" : "25 Nov 2026, 14:00");
      expect(warning).to.contain(squash(L.notifications.targets.resolution));
      await screenshot(s.page, `notifications-list-${lang}`, lang);

      // opening one marks it read and shows its ticket
      await items.first().getByRole("button", { name: named(escalated) }).click();
      await s.page.waitForURL(new RegExp(`/tickets/${number}$`));
      await bell(s.page, lang, 2).waitFor();

      await s.page.goto("/notifications");
      expect(await s.page.locator("#notices .notice-new").count()).to.equal(2);
      // a read one is a plain link to its ticket
      expect(await items.first().getByRole("link", { name: named(escalated) }).getAttribute("href")).to.equal(`/tickets/${number}`);
      await s.page.getByRole("button", { name: N.read_all, exact: true }).click();
      await s.page.waitForURL(/\/notifications$/);
      await expectFlash(s.page, N.flash.read_all);
      expect(await s.page.locator("#notices .notice-new").count()).to.equal(0);
      await bell(s.page, lang, 0).waitFor();
      expect(await s.page.locator("#bell .bell-badge").count()).to.equal(0);
      await suite.finish();
    });
  }

  it("on a phone: the bell is labelled in the menu, the list fits (fr, screenshots)", async () => {
    await agentWithNotices("bell-phone");
    const s = await suite.open(PHONE, "fr");
    await signIn(s, "bell-phone", "fr");
    await s.page.getByRole("button", { name: STRINGS.fr.nav.toggle }).click();
    await bell(s.page, "fr", 3).waitFor();
    // in the phone menu the bell says it in words (no badge to decipher)
    expect(squash(await s.page.locator("#bell").innerText())).to.equal(squash(STRINGS.fr.notifications.bell.label + fill(STRINGS.fr.notifications.bell.unread, { count: 3 })));
    expect(await s.page.locator("#bell .bell-badge").isVisible()).to.equal(false);
    await screenshot(s.page, "notifications-bell-phone-fr", "fr");
    await s.page.goto("/notifications");
    await screenshot(s.page, "notifications-list-phone-fr", "fr");
    const width = await s.page.evaluate("document.documentElement.scrollWidth");
    expect(width).to.be.at.most(PHONE.width);
    await suite.finish();
  });

  it("a session that ended leaves the bell a plain link (not the sign-in page inside it)", async () => {
    await agentWithNotices("bell-expired");
    const s = await suite.open();
    await signIn(s, "bell-expired", "en");
    await bell(s.page, "en", 3).waitFor();
    await s.context.clearCookies();
    // what the minute's poll does
    await s.page.evaluate(`new Promise((done) => {
      document.body.addEventListener("htmx:afterRequest", () => done(), { once: true });
      htmx.ajax("GET", "/notifications/count", { target: "#bell", swap: "innerHTML" });
    })`);
    await bell(s.page, "en", 3).waitFor();
    expect(await s.page.locator("#bell form, #bell input").count()).to.equal(0);
    await suite.finish();
  });

  it("turns SLA warnings off in the profile (en, screenshot)", async () => {
    await makeAgent(suite.server.ctx.deps, 1, { username: "bell-prefs" });
    const s = await suite.open();
    await signIn(s, "bell-prefs", "en");
    await s.page.goto("/profile");
    const N = STRINGS.en.notifications;
    const box = s.page.getByLabel(fill(N.prefs.kinds.sla_warning, { percent: 75 }), { exact: true });
    expect(await box.isChecked()).to.equal(true);
    await box.uncheck();
    await s.page.getByRole("button", { name: N.prefs.save, exact: true }).click();
    await expectFlash(s.page, N.flash.prefs_saved);
    expect(await box.isChecked()).to.equal(false);
    await screenshot(s.page, "notifications-prefs-en", "en");
    await suite.finish();
  });
});
