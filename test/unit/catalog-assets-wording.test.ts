import { expect } from "chai";
import { initI18n, translator } from "../../src/platform/i18n";
import { answersSummary } from "../../src/modules/catalog/catalog.presenter";
import type { RequestAnswer } from "../../src/modules/catalog/catalog.entity";
import { presentAssetTimeline } from "../../src/modules/assets/assets.presenter";
import type { AssetHistory } from "../../src/modules/assets/asset.entity";

const answer = (label: string, type: RequestAnswer["type"], value: RequestAnswer["value"]): RequestAnswer => ({ name: "x", label, type, value, display: null });

describe("unit: the wording of catalog answers and asset history", () => {
  before(() => initI18n("en"));
  it("writes a request's answers one a line, with the colon of the requester's language, and no colon after a question", () => {
    const answers = [answer("Model", "choice", "ThinkPad"), answer("What for?", "longtext", "Editing"), answer("Dock", "boolean", true)];
    expect(answersSummary(answers, translator("en"))).to.equal("Model: ThinkPad\nWhat for? Editing\nDock: Yes");
    const fr = [answer("Modèle", "choice", "ThinkPad"), answer("Pour quel usage\u00a0?", "longtext", "Montage"), answer("Station", "boolean", false)];
    expect(answersSummary(fr, translator("fr"))).to.equal("Modèle\u00a0: ThinkPad\nPour quel usage\u00a0? Montage\nStation\u00a0: Non");
  });

  it("names the ticket behind an asset change the viewer may read, unless the sentence already does", () => {
    const at = new Date("2026-11-23T10:00:00Z");
    const row = (over: Partial<AssetHistory>): AssetHistory => ({
      id: 1, assetId: 1, actorId: null, kind: "assigned", field: "owner", fromValue: null, toValue: "Emma Martin", ticketId: 7, note: null, createdAt: at, ...over,
    });
    const tickets = new Map([[7, "REQ-000007"]]);
    const [assigned, linked, unreadable] = presentAssetTimeline(
      [row({}), row({ kind: "linked", field: null, toValue: "REQ-000007" }), row({ ticketId: 8 })], new Map(), [], translator("en"), tickets,
    );
    expect(assigned).to.include({ text: "Assigned: — → Emma Martin", ticket: "REQ-000007" });
    expect(linked).to.include({ text: "Ticket REQ-000007 linked", ticket: null });
    expect(unreadable.ticket, "a ticket the viewer may not read is not named").to.equal(null);
  });
});
