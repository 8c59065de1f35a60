import { expect } from "chai";
import { isRealDate, validateAnswers, type AnswerAsset, type AnswerContext } from "../../src/modules/catalog/answers";
import type { CatalogField, FieldType } from "../../src/modules/catalog/catalog.entity";

const field = (name: string, type: FieldType, over: Partial<CatalogField> = {}): CatalogField => ({ name, label: `The ${name}`, type, required: false, ...over });

const ASSETS: AnswerAsset[] = [
  { id: 10, tag: "PC-00001", name: "ThinkPad", ownerId: 1, typeCode: "laptop" },
  { id: 11, tag: "MON-00002", name: "Dell 27", ownerId: 1, typeCode: "monitor" },
  { id: 12, tag: "PC-00003", name: "Someone else's", ownerId: 2, typeCode: "laptop" },
];
const ctx = (over: Partial<AnswerContext> = {}): AnswerContext => ({
  actorId: 1, anyAsset: false,
  findUser: async (u) => (u === "jdupont" ? { id: 7, displayName: "Jeanne Dupont" } : null),
  findAsset: async (tag) => ASSETS.find((a) => a.tag === tag) ?? null,
  ...over,
});

/** The error of one field for one raw value (undefined: accepted). */
async function errorOf(f: CatalogField, value: unknown, c = ctx()): Promise<string | undefined> {
  const r = await validateAnswers([f], value === undefined ? {} : { [f.name]: value }, c);
  return r.errors?.[f.name];
}
async function valueOf(f: CatalogField, value: unknown, c = ctx()) {
  const r = await validateAnswers([f], value === undefined ? {} : { [f.name]: value }, c);
  if (r.errors) throw new Error(`refused: ${JSON.stringify(r.errors)}`);
  return r.answers[0];
}

describe("unit: catalog answers (the field rules)", () => {
  it("required: an empty, blank or missing answer is refused; optional ones are kept as null", async () => {
    const f = field("reason", "text", { required: true });
    for (const v of [undefined, null, "", "   "]) expect(await errorOf(f, v), String(v)).to.equal("validation.required");
    for (const type of ["text", "longtext", "number", "date", "choice", "user", "asset"] as const) {
      expect(await errorOf(field("x", type, { required: true, options: ["a"] }), ""), type).to.equal("validation.required");
      expect(await valueOf(field("x", type, { options: ["a"] }), ""), type).to.deep.include({ value: null, display: null });
    }
  });

  it("text at most 500 characters, long text at most 5000, both trimmed", async () => {
    expect(await errorOf(field("t", "text"), "a".repeat(501))).to.equal("validation.too_long");
    expect((await valueOf(field("t", "text"), ` ${"a".repeat(500)} `)).value).to.have.length(500);
    expect(await errorOf(field("l", "longtext"), "a".repeat(5001))).to.equal("validation.too_long");
    expect((await valueOf(field("l", "longtext"), "line 1\nline 2")).value).to.equal("line 1\nline 2");
    expect(await errorOf(field("t", "text"), true)).to.equal("validation.invalid");
  });

  it("number: finite, with a decimal comma or point, as a string or a JSON number", async () => {
    const f = field("qty", "number");
    expect((await valueOf(f, "3,5")).value).to.equal(3.5);
    expect((await valueOf(f, "3.5")).value).to.equal(3.5);
    expect((await valueOf(f, " -2 ")).value).to.equal(-2);
    expect((await valueOf(f, 12)).value).to.equal(12);
    for (const bad of ["abc", "1e3", "1.2.3", "12 units", Infinity, Number.NaN, true]) expect(await errorOf(f, bad), String(bad)).to.equal("catalog.errors.number");
  });

  it("date: YYYY-MM-DD and a date that exists", async () => {
    const f = field("start", "date");
    expect((await valueOf(f, "2026-12-01")).value).to.equal("2026-12-01");
    expect((await valueOf(f, "2028-02-29")).value).to.equal("2028-02-29");
    for (const bad of ["2026-02-30", "2027-02-29", "2026-13-01", "01/12/2026", "2026-1-1", 20261201]) expect(await errorOf(f, bad), String(bad)).to.equal("catalog.errors.date");
    expect(isRealDate("2026-04-31")).to.equal(false);
  });

  it("choice: one of the options, exactly", async () => {
    const f = field("size", "choice", { options: ["13 inch", "15 inch"] });
    expect((await valueOf(f, "15 inch")).value).to.equal("15 inch");
    for (const bad of ["17 inch", "15 INCH", 15]) expect(await errorOf(f, bad), String(bad)).to.equal("validation.choice");
  });

  it("boolean: a ticked box (on, true, 1) is yes, a missing one no; a required box must be ticked", async () => {
    const f = field("agree", "boolean");
    for (const v of ["on", "true", true, "1"]) expect((await valueOf(f, v)).value, String(v)).to.equal(true);
    for (const v of [undefined, "", false, "false"]) expect((await valueOf(f, v)).value, String(v)).to.equal(false);
    expect(await errorOf(f, "maybe")).to.equal("validation.invalid");
    const req = field("agree", "boolean", { required: true });
    expect(await errorOf(req, undefined)).to.equal("catalog.errors.must_tick");
    expect(await errorOf(req, "on")).to.equal(undefined);
  });

  it("user: the username of an active user (any case), kept as the id with the person's name", async () => {
    const f = field("manager", "user");
    expect(await valueOf(f, " JDupont ")).to.deep.include({ value: 7, display: "Jeanne Dupont" });
    expect(await errorOf(f, "nobody")).to.equal("validation.unknown_user");
    expect(await errorOf(f, 7)).to.equal("validation.unknown_user");
  });

  it("asset: an existing tag, of one of the field's types; a requester only their own, staff any", async () => {
    const any = field("device", "asset");
    const laptops = field("device", "asset", { assetTypes: ["laptop", "desktop"] });
    const r = await validateAnswers([any], { device: "pc-00001" }, ctx());
    expect(r.answers?.[0]).to.deep.include({ value: 10, display: "PC-00001 — ThinkPad" });
    expect(r.errors ? null : r.assetIds).to.deep.equal([10]);
    expect(await errorOf(laptops, "MON-00002")).to.equal("catalog.errors.asset_type");
    // someone else's, or one that does not exist: the same answer for an employee
    expect(await errorOf(any, "PC-00003")).to.equal("catalog.errors.not_your_asset");
    expect(await errorOf(any, "PC-99999")).to.equal("catalog.errors.not_your_asset");
    const staff = ctx({ actorId: 99, anyAsset: true });
    expect((await valueOf(laptops, "PC-00003", staff)).value).to.equal(12);
    expect(await errorOf(any, "PC-99999", staff)).to.equal("catalog.errors.unknown_asset");
    expect(await errorOf(laptops, "MON-00002", staff)).to.equal("catalog.errors.asset_type");
  });

  it("reports every bad field at once, keyed by field name, ignores unknown keys, and keeps the labels in the fields' order", async () => {
    const fields = [field("title", "text", { required: true }), field("qty", "number"), field("when", "date", { required: true }), field("ok", "boolean")];
    const bad = await validateAnswers(fields, { qty: "many", when: "tomorrow", extra: "ignored" }, ctx());
    expect(bad.errors).to.deep.equal({ title: "validation.required", qty: "catalog.errors.number", when: "catalog.errors.date" });
    const good = await validateAnswers(fields, { title: "Hi", when: "2026-12-24", extra: "ignored", ok: "on" }, ctx());
    expect(good.answers?.map((a) => [a.name, a.label, a.type, a.value])).to.deep.equal([
      ["title", "The title", "text", "Hi"], ["qty", "The qty", "number", null], ["when", "The when", "date", "2026-12-24"], ["ok", "The ok", "boolean", true],
    ]);
    expect(good.errors ? null : good.assetIds).to.deep.equal([]);
  });

  it("refuses a repeated form key or an object as an answer", async () => {
    expect(await errorOf(field("t", "text"), ["a", "b"])).to.equal("validation.invalid");
    expect(await errorOf(field("t", "text"), { a: 1 })).to.equal("validation.invalid");
  });
});
