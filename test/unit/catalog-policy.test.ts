import { expect } from "chai";
import { ONE_OF_EACH, statusOf } from "../helpers/actors";
import { authorizeCatalog, canCatalog, picksAnyAsset, CATALOG_ACTIONS, type CatalogItemSubject } from "../../src/access/policies/catalog.policy";


const ACTORS = ONE_OF_EACH;

const ITEMS: Record<string, CatalogItemSubject> = {
  offered: { active: true, categoryActive: true },
  no_category: { active: true },
  inactive: { active: false, categoryActive: true },
  withdrawn_category: { active: true, categoryActive: false },
};

// Columns follow CATALOG_ACTIONS (browse, order, manage); 1 = allowed.
const MATRIX: Record<string, Record<string, number[]>> = {
  requester: { offered: [1, 1, 0], no_category: [1, 1, 0], inactive: [0, 0, 0], withdrawn_category: [0, 0, 0] },
  agent_n1: { offered: [1, 1, 0], no_category: [1, 1, 0], inactive: [0, 0, 0], withdrawn_category: [0, 0, 0] },
  agent_n3: { offered: [1, 1, 0], no_category: [1, 1, 0], inactive: [0, 0, 0], withdrawn_category: [0, 0, 0] },
  supervisor: { offered: [1, 1, 0], no_category: [1, 1, 0], inactive: [0, 0, 0], withdrawn_category: [0, 0, 0] },
  admin: { offered: [1, 1, 1], no_category: [1, 1, 1], inactive: [0, 0, 1], withdrawn_category: [0, 0, 1] },
};

const status = statusOf;

describe("unit: catalog policy (role x action)", () => {
  for (const [who, rows] of Object.entries(MATRIX)) {
    for (const [kind, expected] of Object.entries(rows)) {
      it(`${who} on an item that is ${kind}: ${expected.join("")}`, () => {
        expect(CATALOG_ACTIONS.map((a) => (canCatalog(ACTORS[who], a, ITEMS[kind]) ? 1 : 0))).to.deep.equal(expected);
      });
    }
  }

  it("everyone browses the catalog as a whole; only the admin manages it", () => {
    for (const a of Object.values(ACTORS)) expect(canCatalog(a, "browse"), a.role).to.equal(true);
    expect(Object.values(ACTORS).filter((a) => canCatalog(a, "manage")).map((a) => a.role)).to.deep.equal(["admin"]);
  });

  it("an item not offered, or unknown, is a 404 for ordering (even for the admin); managing without the right is a 403", () => {
    expect(status(() => authorizeCatalog(ACTORS.requester, "order", ITEMS.inactive))).to.equal(404);
    expect(status(() => authorizeCatalog(ACTORS.requester, "order", ITEMS.withdrawn_category))).to.equal(404);
    expect(status(() => authorizeCatalog(ACTORS.admin, "order", ITEMS.inactive))).to.equal(404);
    expect(status(() => authorizeCatalog(ACTORS.requester, "order", null))).to.equal(404);
    expect(status(() => authorizeCatalog(ACTORS.requester, "order", ITEMS.offered))).to.equal(200);
    expect(status(() => authorizeCatalog(ACTORS.supervisor, "manage"))).to.equal(403);
    expect(status(() => authorizeCatalog(ACTORS.requester, "manage"))).to.equal(403);
    expect(status(() => authorizeCatalog(ACTORS.admin, "manage"))).to.equal(200);
  });

  it("only those who keep or work the inventory name any asset in a request; an employee names their own", () => {
    expect(Object.values(ACTORS).filter(picksAnyAsset).map((a) => a.role)).to.deep.equal(["agent", "agent", "supervisor", "admin"]);
  });
});
