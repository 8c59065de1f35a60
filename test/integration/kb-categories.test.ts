import { expect } from "chai";
import { testContext, resetDb, type TestContext } from "../helpers/context";
import { makeAgent } from "../factories";
import { refusal } from "../helpers/refusal";
import { KbCategory } from "../../src/modules/kb";
import { createKbCategory, setKbCategoryActive, updateKbCategory } from "../../src/modules/kb/commands/categories";
import type { Actor } from "../../src/access/actor";

/**
 * Category names are told apart as readers tell them apart: "Écrans", "écrans", "ECRANS"
 * and "Ecrans" are one name on both databases (SQLite's LOWER() folds ASCII only).
 */
describe("Integration: knowledge-base category names, case and accents ignored", () => {
  let ctx: TestContext;
  let agent: Actor;
  const make = (name: string) => createKbCategory(ctx.deps, agent, { name, description: null, position: null });

  beforeEach(async () => {
    ctx = await testContext();
    await resetDb(ctx);
    agent = await makeAgent(ctx.deps, 1, { username: "kb-cat-agent" });
  });

  it("a new category may not take a name already used, whatever its case, accents or spaces", async () => {
    await make("Écrans et vidéo");
    for (const name of ["écrans et vidéo", "ÉCRANS ET VIDÉO", "Ecrans et video", "ecrans  et   vidéo", "E\u0301crans et vide\u0301o"]) {
      const err = await refusal(make(name));
      expect([err.status, err.code, err.fields], name).to.deep.equal([422, "name_taken", { name: "kb.errors.category_taken" }]);
    }
    expect(await ctx.deps.db.getRepository(KbCategory).count()).to.equal(1);
    expect((await make("Écrans tactiles")).name).to.equal("Écrans tactiles");
  });

  it("a rename may change the case or accents of its own name, not take another's; a withdrawn category keeps its name", async () => {
    const screens = await make("Écrans");
    const printers = await make("Imprimantes");
    expect((await updateKbCategory(ctx.deps, agent, screens.id, { name: "ÉCRANS", description: null, position: null })).name).to.equal("ÉCRANS");
    const err = await refusal(updateKbCategory(ctx.deps, agent, printers.id, { name: "ecrans", description: null, position: null }));
    expect([err.status, err.code]).to.deep.equal([422, "name_taken"]);
    await setKbCategoryActive(ctx.deps, agent, printers.id, false);
    expect((await refusal(make("imprimantes"))).code).to.equal("name_taken");
  });
});
