import { expect } from "chai";
import { fold, highlight, indexWords, searchTerms, snippet } from "../../src/modules/kb/search-text";

describe("Unit: knowledge-base search words and snippets", () => {
  it("folds case and accents, composed or not, and leaves other scripts as they are", () => {
    expect(fold("Écran NOIR, œuvre, e\u0301cole, Straße")).to.equal("ecran noir, œuvre, ecole, straße");
    expect(fold("日本 ÇA")).to.equal("日本 ca");
    expect(indexWords("L'écran — bloqué !")).to.equal("l ecran bloque");
  });

  it("keeps the useful words: little words out (unless nothing else), plural marks off, each once, eight at most", () => {
    expect(searchTerms("Mon imprimante ne marche pas")).to.deep.equal(["imprimante"]);
    expect(searchTerms("printers printer PRINTERS")).to.deep.equal(["printer"]);
    expect(searchTerms("écrans noirs")).to.deep.equal(["ecran", "noir"]);
    expect(searchTerms("vpns class")).to.deep.equal(["vpns", "class"]);
    expect(searchTerms("the")).to.deep.equal(["the"]);
    expect(searchTerms("a b c")).to.deep.equal([]);
    expect(searchTerms("un deux trois quatre cinq six sept huit neuf dix")).to.have.length(8);
    expect(searchTerms("\"*) OR NEAR(x")).to.deep.equal(["near"]);
  });

  it("cuts a passage around the first match, escaped, the matching words marked, white space made single", () => {
    const long = `${"Lorem ipsum dolor sit amet. ".repeat(20)}Redémarrez l’<b>écran</b> puis vérifiez le câble. ${"Fin du texte. ".repeat(20)}`;
    const s = snippet(long, searchTerms("ecran"));
    expect(s).to.match(/^… /).and.match(/ …$/);
    expect(s).to.contain("l’&#60;b&#62;<mark>écran</mark>&#60;/b&#62; puis");
    expect(s.replace(/<\/?mark>/g, "")).to.not.match(/[<>]/);
    expect(s.length).to.be.below(320);
    expect(snippet("Mot\n\nde  passe « oublié\u00a0»\u00a0? Oui.", searchTerms("oublie"))).to.equal("Mot de passe « <mark>oublié</mark>\u00a0»\u00a0? Oui.");
    expect(snippet("Nothing matches here.", ["zzz"])).to.equal("Nothing matches here.");
    expect(snippet("", ["x"])).to.equal("");
    // a term inside a word is no match; a word starting with it is
    expect(snippet("anvpn then vpnclient", ["vpn"])).to.equal("anvpn then <mark>vpnclient</mark>");
  });

  it("marks the title's matching words, escaped", () => {
    expect(highlight("Écran <noir> & co", ["ecran", "noir"])).to.equal("<mark>Écran</mark> &#60;<mark>noir</mark>&#62; &#38; co");
  });
});
