import { expect } from "chai";
import { keywords } from "../../src/modules/problems/suggest/keywords";
import { clusterIncidents, type ClusterIncident } from "../../src/modules/problems/suggest/cluster";

let seq = 0;
const at = new Date("2026-11-20T10:00:00Z").getTime();
const inc = (title: string, location: string | null = null, categoryId = 1): ClusterIncident =>
  ({ id: ++seq, categoryId, title, location, createdAt: new Date(at + seq * 60_000) });

describe("unit: problem suggestions (title keywords and clusters)", () => {
  it("normalises titles: case, accents, plurals, hyphens; drops short words, numbers and English and French stop words", () => {
    expect(keywords("L'ÉCRAN reste noir depuis ce matin !")).to.deep.equal(["ecran", "reste", "noir"]);
    expect(keywords("Les imprimantes n'impriment plus")).to.deep.equal(["imprimante", "impriment"]);
    expect(keywords("Printers do not work since the update, urgent please")).to.deep.equal(["printer", "update"]);
    expect(keywords("Wi-Fi and e-mail down on port 3-14")).to.deep.equal(["wifi", "email", "down", "port"]);
    expect(keywords("Docking-station access status")).to.deep.equal(["docking", "station", "access", "status"]);
    expect(keywords("Excel crashes, new patches")).to.deep.equal(["excel", "crash", "patch"]);
    expect(keywords("Problème urgent : ne fonctionne plus")).to.deep.equal([]);
  });

  it("a location cluster takes the most common spelling; a cluster inside a larger one of the same category is left out", () => {
    const list = [inc("Screen flickers", "Lyon"), inc("Dock dead", "lyon "), inc("Dock broken", "Lyon"), inc("Dock missing", "LYON"), inc("Dock noise", "Lyon"), inc("Mouse", "Lyon"),
      inc("Dock", "Lyon", 2)];
    const out = clusterIncidents(list, 5);
    expect(out.map((c) => [c.key, c.value, c.ticketIds.length])).to.deep.equal([["1|location|lyon", "Lyon", 6]]);
    // under the threshold: nothing; per category: the seventh does not count
    expect(clusterIncidents(list, 7)).to.deep.equal([]);
  });

  it("a broad keyword (over half of a category's incidents) clusters through its pairs when they reach the threshold, else alone", () => {
    const printing = [...["jams", "jam again", "jams a lot", "jammed? jams", "jams daily"].map((x) => inc(`Printer ${x}`)),
      inc("Printer offline"), inc("Printer blank"), inc("Toner low"), inc("Scanner PDF"), inc("Printer colour")];
    expect(clusterIncidents(printing, 5).map((c) => c.value)).to.deep.equal(["jam + printer"]);
    // at six, no pair reaches the threshold: the broad word stands alone
    expect(clusterIncidents(printing, 6).map((c) => [c.value, c.ticketIds.length])).to.deep.equal([["printer", 8]]);
    // not broad (a category under twice the threshold): the word alone, no pairs
    expect(clusterIncidents(printing.slice(0, 6), 5).map((c) => c.value)).to.deep.equal(["printer"]);
  });

  it("orders the clusters by category, then size, and keeps their incidents oldest first", () => {
    const a = [inc("VPN a", "Paris", 3), inc("VPN b", "Nantes", 3), inc("VPN c", "Paris", 3), inc("VPN d", "Nantes", 3), inc("VPN e", "Brest", 3), inc("VPN f", "Paris", 3)];
    const b = [1, 2, 3, 4, 5].map((k) => inc(`Outlook ${k}`, "Paris", 2));
    const out = clusterIncidents([...a.reverse(), ...b], 5);
    expect(out.map((c) => [c.key, c.ticketIds])).to.deep.equal([["2|location|paris", b.map((i) => i.id)], ["3|keyword|vpn", [...a].reverse().map((i) => i.id)]]);
  });
  it("a dismissed cluster hides only a cluster of exactly its incidents; a live one hides the narrower ones", () => {
    const list = [inc("Dock dead", "Lyon"), inc("Dock broken", "Lyon"), inc("Dock missing", "Lyon"), inc("Dock noise", "Lyon"), inc("Dock flickers", "Lyon"), inc("Mouse", "Lyon")];
    const [first] = list;
    const cat = first.categoryId;
    expect(clusterIncidents(list, 5).map((c) => c.key)).to.deep.equal([`${cat}|location|lyon`]);
    const dismissed = (keys: string[]) => ({ keys, dismissed: (key: string) => keys.includes(key) });
    expect(clusterIncidents(list, 5, dismissed([`${cat}|location|lyon`])).map((c) => c.key)).to.deep.equal([`${cat}|location|lyon`, `${cat}|keyword|dock`]);
    // the same five under another name are the dismissed suggestion again
    const five = list.slice(0, 5);
    expect(clusterIncidents(five, 5, dismissed([`${cat}|keyword|dock`])).map((c) => c.key)).to.deep.equal([`${cat}|keyword|dock`]);
  });

  it("a word broad at the last run stays broad down to 40 % of its category (hysteresis), so its pair keeps its key", () => {
    const printing = [...["jams", "jam again", "jams a lot", "jammed? jams", "jams daily"].map((x) => inc(`Printer ${x}`, null, 7)),
      ...["Toner low", "Scanner PDF", "Fax dead", "Label maker", "Plotter off", "Copier noise"].map((x) => inc(x, null, 7))];
    // 5 of 11: not broad the first time ("jam" and "printer" hold the same five: "jam" first)
    expect(clusterIncidents(printing, 5).map((c) => c.value)).to.deep.equal(["jam"]);
    // broad at the last run (its pair was stored): still a pair
    expect(clusterIncidents(printing, 5, { keys: ["7|keyword|jam+printer"], dismissed: () => false }).map((c) => c.value)).to.deep.equal(["jam + printer"]);
    // under 40 %: no longer broad
    const more = [...printing, inc("Badge reader", null, 7), inc("Cable cut", null, 7)];
    expect(clusterIncidents(more, 5, { keys: ["7|keyword|jam+printer"], dismissed: () => false }).map((c) => c.value)).to.deep.equal(["jam"]);
  });
});
