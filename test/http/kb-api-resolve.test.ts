import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent, makeTicket, makeUser } from "../factories";
import { apiClient } from "../helpers/http";
import { createArticle, TicketKbLink } from "../../src/modules/kb";
import { linkArticle } from "../../src/modules/kb/commands/link-article";
import { takeTicket } from "../../src/modules/tickets/commands/take-ticket";
import { formatNumber } from "../../src/modules/tickets/ticket.types";

/** The API's resolve takes the page's "Solved with": the same command, the same rule (a linked article only). */
describe("HTTP: resolving through the API with the article that solved it", () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
  });

  it("records solvedWith for a linked article, refuses an unlinked one (422) and a bad value (422)", async () => {
    const emp = await makeUser(ctx.deps, { username: "kbr-emp" });
    const n1 = await makeAgent(ctx.deps, 1, { username: "kbr-n1" });
    const linked = await createArticle(ctx.deps, n1, { title: "Reset the VPN profile", body: "Open the client.", audience: "everyone", status: "published" });
    const other = await createArticle(ctx.deps, n1, { title: "Printer jam", body: "Open tray 2.", audience: "everyone", status: "published" });
    const t = await makeTicket(ctx.deps, emp, { title: "VPN drops" });
    await takeTicket(ctx.deps, n1, t.id);
    await linkArticle(ctx.deps, n1, t.id, linked.id);
    const api = await apiClient(ctx.deps, ctx.app, n1);
    const url = `/tickets/${formatNumber(t.type, t.id)}/resolve`;

    const unlinked = await api.post(url, { resolution: "Reset the profile", code: "fixed", solvedWith: other.id }).expect(422);
    expect(unlinked.body.error.code).to.equal("kb_article_not_linked");
    expect((await api.post(url, { resolution: "Reset the profile", code: "fixed", solvedWith: "abc" }).expect(422)).body.error.fields).to.have.property("solvedWith");
    await api.post(url, { resolution: "Reset the profile", code: "fixed", solvedWith: linked.id }).expect(200);
    const rows = await ctx.deps.db.getRepository(TicketKbLink).find({ where: { ticketId: t.id } });
    expect(rows.map((r) => [r.articleId, r.solved])).to.deep.equal([[linked.id, true]]);
  });
});
