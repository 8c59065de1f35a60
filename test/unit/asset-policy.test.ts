import { expect } from "chai";
import { ONE_OF_EACH } from "../helpers/actors";
import { ASSET_ACTIONS, assetScope, authorizeAsset, canAsset } from "../../src/access/policies/asset.policy";
import { AppError } from "../../src/platform/http/errors";


const ACTORS = ONE_OF_EACH;

// Columns follow ASSET_ACTIONS: read, create, edit, export, import, manage_types (1 = allowed).
// "own": an asset the actor owns; "other": someone else's; "none": no asset (may they list at all).
const MATRIX: Record<string, { own: number[]; other: number[]; none: number[] }> = {
  requester:  { own: [1, 0, 0, 0, 0, 0], other: [0, 0, 0, 0, 0, 0], none: [1, 0, 0, 0, 0, 0] },
  agent_n1:   { own: [1, 1, 1, 1, 0, 0], other: [1, 1, 1, 1, 0, 0], none: [1, 1, 1, 1, 0, 0] },
  agent_n3:   { own: [1, 1, 1, 1, 0, 0], other: [1, 1, 1, 1, 0, 0], none: [1, 1, 1, 1, 0, 0] },
  supervisor: { own: [1, 1, 1, 1, 0, 0], other: [1, 1, 1, 1, 0, 0], none: [1, 1, 1, 1, 0, 0] },
  admin:      { own: [1, 1, 1, 1, 1, 1], other: [1, 1, 1, 1, 1, 1], none: [1, 1, 1, 1, 1, 1] },
};

describe("unit: asset policy (role x action)", () => {
  it("lists the actions the matrix covers", () => {
    expect([...ASSET_ACTIONS]).to.deep.equal(["read", "create", "edit", "export", "import", "manage_types"]);
  });

  for (const [who, rows] of Object.entries(MATRIX)) {
    for (const subject of ["own", "other", "none"] as const) {
      it(`${who} on ${subject === "none" ? "no asset" : `an asset that is ${subject === "own" ? "theirs" : "someone else's"}`}: ${rows[subject].join("")}`, () => {
        const a = ACTORS[who];
        const asset = subject === "none" ? undefined : { ownerId: subject === "own" ? a.id : 999 };
        expect(ASSET_ACTIONS.map((x) => (canAsset(a, x, asset) ? 1 : 0))).to.deep.equal(rows[subject]);
      });
    }
  }

  it("an unowned asset is the desk's: a requester does not read it", () => {
    expect(canAsset(ACTORS.requester, "read", { ownerId: null })).to.equal(false);
    expect(canAsset(ACTORS.agent_n1, "read", { ownerId: null })).to.equal(true);
  });

  it("someone who may not read the asset gets a 404 (they do not learn it exists); a reader without the right a 403", () => {
    const status = (fn: () => void) => { try { fn(); return 200; } catch (e) { return e instanceof AppError ? `${e.status} ${e.code}` : 500; } };
    expect(status(() => authorizeAsset(ACTORS.requester, "read", { ownerId: 999 }))).to.equal("404 asset_not_found");
    expect(status(() => authorizeAsset(ACTORS.requester, "edit", { ownerId: 999 }))).to.equal("404 asset_not_found");
    expect(status(() => authorizeAsset(ACTORS.requester, "edit", { ownerId: 1 }))).to.equal("403 asset_action_forbidden");
    expect(status(() => authorizeAsset(ACTORS.requester, "create"))).to.equal("403 asset_action_forbidden");
    expect(status(() => authorizeAsset(ACTORS.agent_n1, "import"))).to.equal("403 asset_action_forbidden");
    expect(status(() => authorizeAsset(ACTORS.supervisor, "manage_types"))).to.equal("403 asset_action_forbidden");
    expect(status(() => authorizeAsset(ACTORS.admin, "import"))).to.equal(200);
    expect(status(() => authorizeAsset(ACTORS.requester, "read", { ownerId: 1 }))).to.equal(200);
  });

  it("scopes lists: a requester to what they own, the desk and the admins to everything", () => {
    expect(assetScope(ACTORS.requester, "x")).to.deep.equal({ sql: "x.owner_id = :assetScopeOwner", params: { assetScopeOwner: 1 } });
    for (const who of ["agent_n1", "agent_n3", "supervisor", "admin"]) expect(assetScope(ACTORS[who]), who).to.equal(null);
  });
});
