import { expect } from "chai";
import { clusterIncidents, type ClusterIncident } from "../../src/modules/problems/suggest/cluster";

let seq = 0;
const at = new Date("2026-11-20T10:00:00Z").getTime();
const inc = (title: string, assets: string[] = [], location: string | null = null, categoryId = 1): ClusterIncident =>
  ({ id: ++seq, categoryId, title, location, assets, createdAt: new Date(at + seq * 60_000) });

describe("unit: problem suggestions by asset (incidents linked to the same device)", () => {
  it("clusters the incidents of one asset, whatever their titles and places; an incident with two assets counts for each", () => {
    const list = [inc("Black screen", ["PC-7"], "Lyon"), inc("Won't boot", ["PC-7"], "Paris"), inc("Fan noise", ["PC-7", "MON-1"]),
      inc("Slow", ["PC-7"]), inc("Keyboard", ["PC-7"], "Nantes"), inc("Flicker", ["MON-1"]), inc("Other", ["PC-9"])];
    expect(clusterIncidents(list, 5).map((c) => [c.key, c.dimension, c.value, c.ticketIds])).to.deep.equal([
      ["1|asset|pc-7", "asset", "PC-7", [list[0].id, list[1].id, list[2].id, list[3].id, list[4].id]],
    ]);
    expect(clusterIncidents(list, 2).filter((c) => c.dimension === "asset").map((c) => [c.value, c.ticketIds.length])).to.deep.equal([["PC-7", 5], ["MON-1", 2]]);
    // per category, as every cluster: two categories of three do not make five
    const split = [...["a", "b", "c"].map((x) => inc(x, ["PC-8"])), ...["d", "e"].map((x) => inc(x, ["PC-8"], null, 2))];
    expect(clusterIncidents(split, 5)).to.deep.equal([]);
  });

  it("prefers the asset to the location when both hold the same incidents; incidents without assets are unaffected", () => {
    const same = ["Dead", "Dead again", "Still dead", "No power", "Broken"].map((t) => inc(t, ["PC-5"], "Lyon"));
    expect(clusterIncidents(same, 5).map((c) => c.key)).to.deep.equal(["1|asset|pc-5"]);
    const none = ["Dead", "Dead again", "Still dead", "No power", "Broken"].map((t) => inc(t, [], "Lyon"));
    expect(clusterIncidents(none, 5).map((c) => c.key)).to.deep.equal(["1|location|lyon"]);
    const legacy = none.map(({ assets: _assets, ...rest }) => rest);
    expect(clusterIncidents(legacy, 5).map((c) => c.key)).to.deep.equal(["1|location|lyon"]);
  });
});
