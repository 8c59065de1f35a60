import { expect } from "chai";
import {
  median, percentile, qualityFigures, rate, satisfaction, splitBy, tierTimes, timeFigures, type FactRow,
} from "../../src/modules/reporting/aggregate";

/** The aggregate maths on hand-made fact rows (no database); every expected figure worked out in its comment. */
const MIN = 60;
let nextId = 0;
const row = (over: Partial<FactRow>): FactRow => ({
  ticketId: ++nextId, priority: 3, tier: 1, groupId: 1, categoryId: null, resolverId: 11, resolvedAt: 0,
  firstResponseSeconds: 10 * MIN, resolutionSeconds: 60 * MIN, tierSeconds: [60 * MIN, 0, 0],
  responseMet: true, resolutionMet: true, escalated: false, reopened: false, fcr: false, kbSolved: false, score: null, ...over,
});

describe("unit: report aggregates", () => {
  it("median: the middle value, the mean of the two middle ones for an even count, null for none; the input is left alone", () => {
    const input = [30, 10, 20];
    expect(median(input)).to.equal(20);
    expect(input).to.deep.equal([30, 10, 20]);
    expect(median([40, 10, 30, 20])).to.equal(25); // (20 + 30) / 2
    expect(median([7])).to.equal(7);
    expect(median([1, 2])).to.equal(1.5);
    expect(median([])).to.equal(null);
    // numbers, not strings: 100 sorts after 9
    expect(median([100, 9, 20])).to.equal(20);
  });

  it("percentile: nearest rank (the smallest value at or above p of them), null for none", () => {
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(percentile(ten, 0.9)).to.equal(9); // rank ceil(0.9 x 10) = 9
    expect(percentile([...ten, 11], 0.9)).to.equal(10); // rank ceil(0.9 x 11) = ceil(9.9) = 10
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.9)).to.equal(18); // rank 18
    expect(percentile([300, 30], 0.9)).to.equal(300); // rank ceil(1.8) = 2
    expect(percentile([42], 0.9)).to.equal(42);
    expect(percentile(ten, 0)).to.equal(1);
    expect(percentile(ten, 1)).to.equal(10);
    expect(percentile(ten, 0.5)).to.equal(5); // rank 5 (nearest rank, not the median's 5.5)
    expect(percentile([], 0.9)).to.equal(null);
  });

  it("rate: percent with one decimal, null without a whole", () => {
    expect(rate(1, 3)).to.equal(33.3);
    expect(rate(2, 3)).to.equal(66.7);
    expect(rate(5, 6)).to.equal(83.3);
    expect(rate(1, 8)).to.equal(12.5);
    expect(rate(7, 8)).to.equal(87.5);
    expect(rate(3, 3)).to.equal(100);
    expect(rate(0, 4)).to.equal(0);
    expect(rate(0, 0)).to.equal(null);
  });

  it("timeFigures: business minutes (one decimal) and compliance over the rows that have a verdict", () => {
    const rows = [
      row({ firstResponseSeconds: 20 * MIN, resolutionSeconds: 120 * MIN }),
      row({ firstResponseSeconds: 300 * MIN + 20, resolutionSeconds: 420 * MIN, responseMet: false }),
      row({ firstResponseSeconds: null, responseMet: null, resolutionSeconds: 45 * MIN, resolutionMet: false }),
      row({ firstResponseSeconds: 90 * MIN, resolutionSeconds: 180 * MIN, resolutionMet: null }),
    ];
    expect(timeFigures(rows)).to.deep.equal({
      count: 4,
      // responses 20, 90, 300.33 min: median 90, p90 rank ceil(2.7) = 3 -> 300.33 shown 300.3
      responseMedian: 90, responseP90: 300.3,
      // resolutions 45, 120, 180, 420: median (120 + 180) / 2 = 150, p90 rank ceil(3.6) = 4 -> 420
      resolutionMedian: 150, resolutionP90: 420,
      // response: 2 met of the 3 with a verdict; resolution: 2 met of the 3 with one
      responseCompliance: 66.7, resolutionCompliance: 66.7,
      responseMet: 2, responseTotal: 3, resolutionMet: 2, resolutionTotal: 3,
    });
    expect(timeFigures([])).to.deep.equal({
      count: 0, responseMedian: null, responseP90: null, resolutionMedian: null, resolutionP90: null,
      responseCompliance: null, resolutionCompliance: null, responseMet: 0, responseTotal: 0, resolutionMet: 0, resolutionTotal: 0,
    });
  });

  it("satisfaction: average of the answers (two decimals), the distribution by score, the unanswered left out", () => {
    const rows = [row({ score: 5 }), row({ score: 4 }), row({ score: 4 }), row({ score: null })];
    // (5 + 4 + 4) / 3 = 4.333 -> 4.33
    expect(satisfaction(rows)).to.deep.equal({ average: 4.33, count: 3, distribution: [0, 0, 0, 2, 1] });
    expect(satisfaction([row({ score: 1 }), row({ score: 2 })])).to.deep.equal({ average: 1.5, count: 2, distribution: [1, 1, 0, 0, 0] });
    expect(satisfaction([row({})])).to.deep.equal({ average: null, count: 0, distribution: [0, 0, 0, 0, 0] });
  });

  it("qualityFigures: FCR, reopen and escalation rates over every row, and those solved with an article", () => {
    const rows = [
      row({ fcr: true }), row({ fcr: true, kbSolved: true }), row({ reopened: true }),
      row({ escalated: true }), row({ escalated: true, reopened: true }), row({}),
    ];
    expect(qualityFigures(rows)).to.deep.equal({
      resolved: 6,
      fcr: 2, fcrRate: 33.3, // 2 / 6
      reopened: 2, reopenRate: 33.3, // 2 / 6
      escalated: 2, escalationRate: 33.3, // 2 / 6
      kbSolved: 1,
    });
    expect(qualityFigures([])).to.include({ resolved: 0, fcrRate: null, reopenRate: null, escalationRate: null });
  });

  it("tierTimes: per tier, the tickets that spent time there, their average and median minutes", () => {
    const rows = [
      row({ tierSeconds: [120 * MIN, 240 * MIN, 0] }),
      row({ tierSeconds: [60 * MIN, 300 * MIN, 0] }),
      row({ tierSeconds: [45 * MIN, 0, 0] }),
    ];
    expect(tierTimes(rows)).to.deep.equal([
      // 45, 60, 120: average 225 / 3 = 75, median 60
      { tier: 1, tickets: 3, average: 75, median: 60 },
      // 240, 300: average 270, median 270
      { tier: 2, tickets: 2, average: 270, median: 270 },
      { tier: 3, tickets: 0, average: null, median: null },
    ]);
  });

  it("splitBy: rows by key, keys in first-seen order (null is a key)", () => {
    const rows = [row({ categoryId: 2 }), row({ categoryId: null }), row({ categoryId: 2 })];
    const by = splitBy(rows, (r) => r.categoryId);
    expect([...by.keys()]).to.deep.equal([2, null]);
    expect(by.get(2)!.map((r) => r.ticketId)).to.deep.equal([rows[0].ticketId, rows[2].ticketId]);
  });
});
