import { expect } from "chai";
import { initI18n, translator } from "../../src/platform/i18n";
import { en } from "../../src/locales/en";
import { fr } from "../../src/locales/fr";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe("unit: i18n", () => {
  before(() => initI18n("en"));

  it("French has every English key, and no English string left untranslated in the portal", () => {
    expect(keys(fr).sort()).to.deep.equal(keys(en).sort());
    const t = translator("fr");
    for (const k of keys(en).filter((k) => k.startsWith("portal.") || k.startsWith("explain."))) {
      if (/^[A-Z]{1,4}$/.test(t(k))) continue;
      expect(t(k), k).to.not.equal(translator("en")(k));
    }
  });

  it("fills placeholders and keeps the same placeholders in both languages", () => {
    expect(translator("en")("portal.greeting", { name: "Emma" })).to.equal("Hello Emma, how can IT help?");
    const ph = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
    for (const k of keys(en)) expect(ph(translator("fr")(k)), k).to.deep.equal(ph(translator("en")(k)));
  });

  it("uses French typography: a no-break space before : ? ! ;", () => {
    const t = translator("fr");
    for (const k of keys(fr)) expect(t(k), k).to.not.match(/[^\u00a0\u202f] ?[:?!;](\s|$)/);
  });

  it("returns the key for an unknown string", () => {
    expect(translator("en")("nope.missing")).to.equal("nope.missing");
  });
});
