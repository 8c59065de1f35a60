import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeUser } from "../factories";
import { signIn, csrf, csrfFrom } from "../helpers/http";

describe("HTTP: the core journey", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testContext();
    await resetDb(ctx);
  });

  it("employee reports, N1 takes and escalates, N2 resolves, employee confirms", async () => {
    await makeUser(ctx.deps, { username: "emma", name: "Emma Martin" });
    await makeAgent(ctx.deps, 1, { username: "nico", name: "Nico N1" });
    await makeAgent(ctx.deps, 2, { username: "sam", name: "Sam N2" });
    const emma = await signIn(ctx.app, "emma");
    const form = await emma.get("/portal/new?type=incident").expect(200);
    const created = await emma.post("/tickets").field("_csrf", csrfFrom(form.text)).field("type", "incident")
      .field("title", "Outlook crashes").field("description", "At start").field("impact", "low").field("urgency", "high").expect(303);
    const url = created.headers.location;
    expect(url).to.match(/^\/tickets\/INC-0000\d\d$/);
    const first = await emma.get(url).expect(200);
    expect(first.text).to.contain(`Your ticket ${url.slice(9)} has been created`);
    const nico = await signIn(ctx.app, "nico");
    let page = await nico.get(url).expect(200);
    expect(page.text).to.contain("Outlook crashes");
    await nico.post(`${url}/take`).type("form").send({ _csrf: csrfFrom(page.text) }).expect(303);
    page = await nico.get(url).expect(200);
    await nico.post(`${url}/escalate`).type("form").send({ _csrf: csrfFrom(page.text), reason: "Needs N2", note: "Tried safe mode" }).expect(303);
    const sam = await signIn(ctx.app, "sam");
    page = await sam.get(url).expect(200);
    await sam.post(`${url}/take`).type("form").send({ _csrf: csrfFrom(page.text) }).expect(303);
    await sam.post(`${url}/resolve`).type("form").send({ _csrf: await csrf(sam, url), resolution: "Repaired the profile", code: "fixed" }).expect(303);
    page = await emma.get(url).expect(200);
    expect(page.text).to.contain("Repaired the profile");
    await emma.post(`${url}/close`).type("form").send({ _csrf: csrfFrom(page.text) }).expect(303);
    page = await emma.get(url).expect(200);
    expect(page.text).to.contain("status-closed");
  });
});
