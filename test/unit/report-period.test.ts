import { expect } from "chai";
import { dayIndex, periodOf, DEFAULT_DAYS, MAX_DAYS } from "../../src/modules/reporting/queries/period";
import { AppError } from "../../src/platform/http/errors";

const PARIS = "Europe/Paris";
const HOUR = 3_600_000;

/** The 422 a bad period raises: its code and its field errors. */
function refusal(from: string | undefined, to: string | undefined): { status: number; code: string; fields: Record<string, string> | undefined } {
  try {
    periodOf(from, to, PARIS, new Date("2026-11-27T16:00:00Z"));
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code, fields: e.fields };
    throw e;
  }
  throw new Error("no refusal");
}

describe("unit: report period (periodOf, dayIndex)", () => {
  it("by default: the last 30 local days to today, in the reader's time zone", () => {
    const p = periodOf(undefined, undefined, PARIS, new Date("2026-11-27T16:00:00Z"));
    // 2026-10-29 .. 2026-11-27 is 3 days of October + 27 of November = 30 days
    expect(p).to.include({ from: "2026-10-29", to: "2026-11-27", timezone: PARIS });
    expect(p.days).to.have.length(DEFAULT_DAYS);
    expect(p.days[0].day).to.equal("2026-10-29");
    // 29 October is after the change to winter time (25 October): Paris midnight is 23:00 UTC the day before
    expect(p.start.toISOString()).to.equal("2026-10-28T23:00:00.000Z");
    expect(p.end.toISOString()).to.equal("2026-11-27T23:00:00.000Z");
    // empty strings are "not given" (a form's blank fields)
    expect(periodOf("", "", PARIS, new Date("2026-11-27T16:00:00Z")).from).to.equal("2026-10-29");
  });

  it("only one end given: from the start to today, or the 30 days up to the end", () => {
    const now = new Date("2026-11-27T16:00:00Z");
    expect(periodOf("2026-11-16", undefined, PARIS, now)).to.include({ from: "2026-11-16", to: "2026-11-27" });
    // 2026-09-02 .. 2026-10-01: 29 days of September + 1 of October = 30 days
    const upTo = periodOf(undefined, "2026-10-01", PARIS, now);
    expect(upTo).to.include({ from: "2026-09-02", to: "2026-10-01" });
    expect(upTo.days).to.have.length(DEFAULT_DAYS);
  });

  it("today is the reader's day: 23:30 UTC on the 27th is already the 28th in Paris, still the 27th in New York", () => {
    const now = new Date("2026-11-27T23:30:00Z");
    expect(periodOf(undefined, undefined, PARIS, now)).to.include({ from: "2026-10-30", to: "2026-11-28" });
    const ny = periodOf(undefined, undefined, "America/New_York", now);
    expect(ny).to.include({ from: "2026-10-29", to: "2026-11-27" });
    // New York midnight is 05:00 UTC in winter time
    expect(ny.end.toISOString()).to.equal("2026-11-28T05:00:00.000Z");
  });

  it("one day: from its midnight to the next", () => {
    const p = periodOf("2026-11-16", "2026-11-16", PARIS, new Date());
    expect(p.days).to.deep.equal([{ day: "2026-11-16", start: Date.parse("2026-11-15T23:00:00Z") }]);
    expect(p.end.getTime() - p.start.getTime()).to.equal(24 * HOUR);
  });

  it("the days of the clock changes in Paris last 23 h (29 March 2026) and 25 h (25 October 2026)", () => {
    const spring = periodOf("2026-03-28", "2026-03-30", PARIS, new Date());
    expect(spring.days.map((d) => d.day)).to.deep.equal(["2026-03-28", "2026-03-29", "2026-03-30"]);
    expect(spring.days[1].start - spring.days[0].start).to.equal(24 * HOUR);
    expect(spring.days[2].start - spring.days[1].start).to.equal(23 * HOUR); // 02:00 -> 03:00 skipped
    expect(spring.end.getTime() - spring.days[2].start).to.equal(24 * HOUR);
    const autumn = periodOf("2026-10-25", "2026-10-25", PARIS, new Date());
    expect(autumn.start.toISOString()).to.equal("2026-10-24T22:00:00.000Z"); // midnight summer time (+02:00)
    expect(autumn.end.toISOString()).to.equal("2026-10-25T23:00:00.000Z"); // midnight winter time (+01:00)
    expect(autumn.end.getTime() - autumn.start.getTime()).to.equal(25 * HOUR);
  });

  it("dayIndex: the local day an instant falls in, -1 outside the period (the end excluded)", () => {
    const p = periodOf("2026-10-24", "2026-10-26", PARIS, new Date());
    const at = (iso: string) => dayIndex(p, Date.parse(iso));
    expect(at("2026-10-23T21:59:59.999Z")).to.equal(-1); // 23:59:59 on the 23rd in Paris
    expect(at("2026-10-23T22:00:00Z")).to.equal(0); // 24th 00:00 (+02:00)
    expect(at("2026-10-24T21:59:59Z")).to.equal(0); // 24th 23:59:59
    expect(at("2026-10-24T22:00:00Z")).to.equal(1); // 25th 00:00 (+02:00)
    // 22:30 UTC on the 25th is 23:30 winter time, still the 25th: 24 hours after its midnight is not the next day
    expect(at("2026-10-25T22:30:00Z")).to.equal(1);
    expect(at("2026-10-25T23:00:00Z")).to.equal(2); // 26th 00:00 (+01:00)
    expect(at("2026-10-26T22:59:59Z")).to.equal(2);
    expect(at("2026-10-26T23:00:00Z")).to.equal(-1); // the end
  });

  it("refuses a bad date, an end before the start, more than 366 days: 422 with the field", () => {
    expect(refusal("2026-1-01", "2026-11-27")).to.deep.equal({ status: 422, code: "report_period_invalid", fields: { from: "reports.errors.date" } });
    expect(refusal("2026-02-30", "2026-03-01")).to.deep.equal({ status: 422, code: "report_period_invalid", fields: { from: "reports.errors.date" } });
    expect(refusal("2026-11-01", "tomorrow")).to.deep.equal({ status: 422, code: "report_period_invalid", fields: { to: "reports.errors.date" } });
    expect(refusal("2026-11-01", "2026-11-31")).to.deep.equal({ status: 422, code: "report_period_invalid", fields: { to: "reports.errors.date" } });
    expect(refusal("2026-11-27", "2026-11-26")).to.deep.equal({ status: 422, code: "report_period_invalid", fields: { to: "reports.errors.order" } });
    // only a start after today: the end (today) comes before it
    expect(refusal("2026-11-28", undefined)).to.deep.equal({ status: 422, code: "report_period_invalid", fields: { to: "reports.errors.order" } });
    // 2024 is a leap year: 2024-01-01 .. 2024-12-31 is 366 days (allowed), one more day is too long
    expect(MAX_DAYS).to.equal(366);
    expect(periodOf("2024-01-01", "2024-12-31", PARIS, new Date()).days).to.have.length(366);
    expect(refusal("2024-01-01", "2025-01-01")).to.deep.equal({ status: 422, code: "report_period_too_long", fields: { from: "reports.errors.too_long" } });
    expect(refusal("2000-01-01", "2026-11-27")).to.include({ code: "report_period_too_long" });
  });
});
