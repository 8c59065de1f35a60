import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { csrf, signIn } from "../helpers/http";
import { formatNumber } from "../../src/modules/tickets/ticket.types";
import type { Actor } from "../../src/access/actor";

describe("HTTP: the Problems pages", () => {
  let ctx: TestContext;
  let emp: Actor;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    emp = await makeUser(ctx.deps, { username: "pp-emp" });
    await makeAgent(ctx.deps, 1, { username: "pp-n1" });
    await makeAgent(ctx.deps, 2, { username: "pp-n2" });
  });

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
    const requester = await signIn(ctx.app, "pp-emp");
    await requester.get("/problems").expect(403);
    await requester.get("/problems/PRB-000001").expect(403);
  });
});
