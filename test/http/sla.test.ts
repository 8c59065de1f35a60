import { expect } from "chai";
import request from "supertest";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, signIn } from "../helpers/http";
import { createApiToken } from "../../src/modules/users/commands/api-tokens";
import { setPending } from "../../src/modules/tickets/commands/set-pending";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import { SlaCalendar } from "../../src/modules/sla/sla.entity";
import type { Actor } from "../../src/access/actor";
import { runSlaWatch } from "../../src/modules/sla/jobs/sla-watch";

const paris = (isoLocal: string) => new Date(`${isoLocal}+01:00`);

describe("HTTP: SLA badges, due-soonest sort, the ticket's clock, the API and the admin pages", () => {
  let ctx: TestContext;
  let emp: Actor;
  let n1: Actor;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "sla-emp" });
    n1 = await makeAgent(ctx.deps, 1, { username: "sla-n1" });
    await makeUser(ctx.deps, { username: "sla-admin", role: "admin" });
  });
  beforeEach(() => ctx.clock.set(paris("2026-11-23T09:00:00")));

  it("shows a badge per row and sorts by the nearest due date", async () => {
    const p4 = await makeTicket(ctx.deps, emp, { title: "Mouse squeaks", impact: "low", urgency: "low" });
    const p1 = await makeTicket(ctx.deps, emp, { title: "Payroll server down", impact: "high", urgency: "high" });
    const paused = await makeTicket(ctx.deps, emp, { title: "Waiting for the user", impact: "high", urgency: "medium" });
    await setPending(ctx.deps, n1, paused.id, { reason: "requester", note: null });
    ctx.clock.set(paris("2026-11-23T09:50:00")); // the P1's first response (1 h) is at risk
    const web = await signIn(ctx.app, "sla-n1");
    const page = await web.get("/desk/queues/1?view=open&sort=due").expect(200);
    const order = ["Payroll server down", "Mouse squeaks", "Waiting for the user"].map((s) => page.text.indexOf(s));
    expect(order[0]).to.be.greaterThan(0);
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    expect(page.text).to.contain("sla-at_risk");
    expect(page.text).to.contain("sla-paused");
    expect(page.text).to.contain("sla-on_track");
    const byPriority = await web.get("/desk/queues/1?view=open").expect(200);
    expect(byPriority.text.indexOf("Waiting for the user")).to.be.lessThan(byPriority.text.indexOf("Mouse squeaks"));
    void p1;
    void p4;
  });

  it("sorts a breached ticket first once the watch job recorded the breach", async () => {
    const late = await makeTicket(ctx.deps, emp, { title: "Breached long ago", impact: "high", urgency: "medium" });
    ctx.clock.set(paris("2026-11-25T09:00:00"));
    await runSlaWatch(ctx.deps);
    const web = await signIn(ctx.app, "sla-n1");
    const page = await web.get("/desk/queues/1?view=open&sort=due").expect(200);
    const titles = [...page.text.matchAll(/class="text-body" href="\/tickets\/[^"]+">([^<]+)</g)].map((m) => m[1]);
    expect(titles[0]).to.equal("Breached long ago");
    void late;
  });

  it("shows the SLA panel with its clock on the ticket page", async () => {
    const t = await makeTicket(ctx.deps, emp, { title: "Printer offline" });
    ctx.clock.set(paris("2026-11-23T10:00:00"));
    await setPending(ctx.deps, n1, t.id, { reason: "requester", note: null });
    const web = await signIn(ctx.app, "sla-n1");
    const page = await web.get(`/tickets/${formatNumber(t.type, t.id)}`).expect(200);
    expect(page.text).to.contain('id="sla-panel"');
    expect(page.text).to.contain("Clock started");
    expect(page.text).to.contain("Clock paused");
    expect(page.text).to.contain("Paused since");
  });

  it("gives the due dates and the SLA state in the ticket JSON", async () => {
    const t = await makeTicket(ctx.deps, emp, { impact: "medium", urgency: "medium" });
    const { token } = await createApiToken(ctx.deps, n1, "sla");
    const res = await request(ctx.app).get(`/api/v1/tickets/${formatNumber(t.type, t.id)}`).set("authorization", `Bearer ${token}`).expect(200);
    expect(res.body.firstResponseDueAt).to.equal(paris("2026-11-24T09:00:00").toISOString());
    expect(res.body.resolutionDueAt).to.equal(paris("2026-11-25T09:00:00").toISOString());
    expect(res.body.sla).to.deep.equal({ state: "on_track", target: "response", dueAt: paris("2026-11-24T09:00:00").toISOString() });
  });

  it("edits policies, calendars and holidays with field errors", async () => {
    const admin = await signIn(ctx.app, "sla-admin");
    const page = await admin.get("/admin/sla").expect(200);
    expect(page.text).to.contain("P1");
    const token = await csrf(admin, "/admin/sla");
    const cal = await ctx.deps.db.getRepository(SlaCalendar).findOneByOrFail({ alwaysOpen: false });
    const form: Record<string, string> = { _csrf: token };
    for (const p of [1, 2, 3, 4]) Object.assign(form, { [`p${p}_calendarId`]: String(cal.id), [`p${p}_response`]: "60", [`p${p}_resolution`]: "600" });
    const bad = await admin.post("/admin/sla").type("form").send({ ...form, p2_response: "900" }).expect(422);
    expect(bad.text).to.contain("The first response must be due before the resolution.");
    await admin.post("/admin/sla").type("form").send(form).expect(303);
    const badCal = await admin.post("/admin/sla/calendars").type("form").send({ _csrf: token, name: "Night desk", timezone: "Mars/Olympus", day1: "22:00-06:00" }).expect(422);
    expect(badCal.text).to.contain("Not a time zone");
    expect(badCal.text).to.contain("Night desk");
    const created = await admin.post("/admin/sla/calendars").type("form").send({ _csrf: token, name: "Lyon desk", timezone: "Europe/Paris", day1: "09:00-12:00, 14:00-17:00" }).expect(303);
    const calPage = await admin.get(created.headers.location).expect(200);
    expect(calPage.text).to.contain("09:00-12:00, 14:00-17:00");
    await admin.post(`${created.headers.location}/holidays`).type("form").send({ _csrf: token, day: "2026-13-01", holidayName: "Nope" }).expect(422);
    await admin.post(`${created.headers.location}/holidays`).type("form").send({ _csrf: token, day: "2026-12-25", holidayName: "Christmas" }).expect(303);
    expect((await admin.get(created.headers.location)).text).to.contain("Christmas");
    await admin.get("/admin/sla/calendars/999999").expect(404);
    await (await signIn(ctx.app, "sla-n1")).get("/admin/sla").expect(403);
  });
});
