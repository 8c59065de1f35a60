import { expect } from "chai";
import { computePriority, DEFAULT_MATRIX } from "../../src/modules/tickets/priority";
import type { Level } from "../../src/modules/tickets/ticket.types";

describe("unit: priority matrix", () => {
  const cases: [Level, Level, number][] = [
    ["high", "high", 1], ["high", "medium", 2], ["medium", "high", 2], ["high", "low", 3], ["medium", "medium", 3],
    ["low", "high", 3], ["medium", "low", 4], ["low", "medium", 4], ["low", "low", 4],
  ];
  for (const [impact, urgency, p] of cases) {
    it(`impact ${impact} x urgency ${urgency} = P${p}`, () => {
      expect(computePriority(DEFAULT_MATRIX, impact, urgency, false)).to.equal(p);
    });
  }
  it("raises a VIP's ticket one level, never above P1", () => {
    expect(computePriority(DEFAULT_MATRIX, "low", "low", true)).to.equal(3);
    expect(computePriority(DEFAULT_MATRIX, "high", "medium", true)).to.equal(1);
    expect(computePriority(DEFAULT_MATRIX, "high", "high", true)).to.equal(1);
  });
  it("follows an edited matrix", () => {
    const m = { ...DEFAULT_MATRIX, low: { high: 2, medium: 4, low: 4 } };
    expect(computePriority(m, "low", "high", false)).to.equal(2);
  });
});
