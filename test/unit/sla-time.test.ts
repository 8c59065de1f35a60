import { expect } from "chai";
import {
  addBusinessMinutes, businessMinutesBetween, DEFAULT_HOURS, isValidHours, localToUtc, utcToLocal,
  type BusinessCalendar, type WeeklyHours,
} from "../../src/modules/sla/business-time";
import {
  AT_RISK_FRACTION, runningIntervals, slaState, targetState, type ClockSegment, type SegmentKind,
} from "../../src/modules/sla/sla-clock";

const PARIS = "Europe/Paris";
const NY = "America/New_York";
const every = (ranges: [string, string][]): WeeklyHours => ({ 0: ranges, 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges });
const cal = (over: Partial<BusinessCalendar> = {}): BusinessCalendar => ({ timezone: PARIS, alwaysOpen: false, hours: DEFAULT_HOURS, holidays: [], ...over });

/** Mon-Fri 08:00-18:00 Paris (10 business hours a day). */
const office = cal();
/** Open all day every day, but not "alwaysOpen": the day-walk must follow the DST changes. */
const allDay = cal({ hours: every([["00:00", "24:00"]]) });
const nightShift = cal({ hours: every([["01:00", "05:00"]]) });
const lunchBreak = cal({ hours: { ...DEFAULT_HOURS, 2: [["08:00", "12:00"], ["13:30", "18:00"]], 6: [["09:00", "12:00"]] }, holidays: ["2026-05-01", "2026-12-25"] });
const newYork = cal({ timezone: NY });
const always = cal({ alwaysOpen: true, timezone: PARIS });

/** A wall-clock time in Paris (or another zone). */
const P = (local: string, tz = PARIS) => localToUtc(tz, local);
const L = (d: Date | null, tz = PARIS) => (d ? utcToLocal(tz, d) : null);
const H = 60;

/** mulberry32: deterministic random numbers. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe("unit: SLA business time: time zones", () => {
  it("converts Paris wall-clock times to UTC instants and back, summer and winter", () => {
    expect(P("2026-01-15 09:00").toISOString()).to.equal("2026-01-15T08:00:00.000Z");
    expect(P("2026-07-15 09:00").toISOString()).to.equal("2026-07-15T07:00:00.000Z");
    expect(L(new Date("2026-07-15T07:00:00Z"))).to.equal("2026-07-15 09:00");
    expect(L(new Date("2026-12-31T23:30:00Z"))).to.equal("2027-01-01 00:30");
    expect(L(new Date("2026-07-15T07:00:30.250Z"))).to.equal("2026-07-15 09:00:30.250");
    expect(P("2026-06-01 09:00", NY).toISOString()).to.equal("2026-06-01T13:00:00.000Z");
  });
  it("reads a time skipped in spring with the winter offset, and a repeated autumn time as the first one", () => {
    expect(P("2026-03-29 01:59").toISOString()).to.equal("2026-03-29T00:59:00.000Z");
    expect(P("2026-03-29 03:00").toISOString()).to.equal("2026-03-29T01:00:00.000Z");
    expect(P("2026-03-29 02:30").toISOString()).to.equal("2026-03-29T01:30:00.000Z");
    expect(L(P("2026-03-29 02:30"))).to.equal("2026-03-29 03:30");
    expect(P("2026-10-25 02:30").toISOString()).to.equal("2026-10-25T00:30:00.000Z");
    expect(L(new Date("2026-10-25T01:30:00Z"))).to.equal("2026-10-25 02:30");
    expect(P("2026-10-25 03:00").toISOString()).to.equal("2026-10-25T02:00:00.000Z");
  });
  it("refuses malformed local times and unknown zones", () => {
    expect(() => P("2026-02-30 10:00")).to.throw(RangeError);
    expect(() => P("2026-02-03 24:00")).to.throw(RangeError);
    expect(() => P("2026-02-03")).to.throw(RangeError);
    expect(() => P("2026-02-03 10:00", "Mars/Olympus")).to.throw(RangeError, /time zone/);
  });
});

describe("unit: SLA business time: hours", () => {
  it("accepts the default hours, lunch breaks, touching ranges and 24:00 as an end", () => {
    expect(isValidHours(DEFAULT_HOURS)).to.equal(true);
    expect(DEFAULT_HOURS[1]).to.deep.equal([["08:00", "18:00"]]);
    expect(DEFAULT_HOURS[0]).to.deep.equal([]);
    expect(DEFAULT_HOURS[6]).to.deep.equal([]);
    expect(isValidHours(lunchBreak.hours)).to.equal(true);
    expect(isValidHours(every([["13:00", "18:00"], ["08:00", "13:00"]]))).to.equal(true);
    expect(isValidHours(every([["00:00", "24:00"]]))).to.equal(true);
    expect(isValidHours(JSON.parse(JSON.stringify(DEFAULT_HOURS)))).to.equal(true);
  });
  it("refuses overlaps, empty or reversed ranges, bad times and missing days", () => {
    for (const ranges of [
      [["08:00", "12:00"], ["11:00", "14:00"]], [["08:00", "08:00"]], [["18:00", "08:00"]], [["24:00", "24:00"]],
      [["8:00", "12:00"]], [["08:00", "12:60"]], [["08:00", "24:01"]], [["25:00", "26:00"]], [["08:00"]], [["08:00", 12]], "08:00-18:00",
    ]) {
      expect(isValidHours({ ...DEFAULT_HOURS, 3: ranges }), JSON.stringify(ranges)).to.equal(false);
    }
    const missing = Object.fromEntries(Object.entries(DEFAULT_HOURS).filter(([d]) => d !== "3"));
    expect(isValidHours(missing)).to.equal(false);
    expect(isValidHours({ ...DEFAULT_HOURS, 7: [] })).to.equal(false);
    expect(isValidHours(null)).to.equal(false);
    expect(isValidHours([])).to.equal(false);
  });
  it("keeps the default hours frozen", () => {
    expect(() => (DEFAULT_HOURS[1] as [string, string][]).push(["19:00", "20:00"])).to.throw(TypeError);
  });
  it("refuses to count in a calendar with invalid hours, holidays or zone", () => {
    expect(() => businessMinutesBetween(cal({ hours: { ...DEFAULT_HOURS, 1: [["18:00", "08:00"]] } }), P("2026-06-01 08:00"), P("2026-06-02 08:00"))).to.throw(RangeError, /weekday 1/);
    expect(() => addBusinessMinutes(cal({ holidays: ["2026-13-01"] }), P("2026-06-01 08:00"), 5)).to.throw(RangeError, /holiday/);
    expect(() => addBusinessMinutes(cal({ timezone: "Nowhere/Town" }), P("2026-06-01 08:00"), 5)).to.throw(RangeError, /time zone/);
  });
});

describe("unit: SLA business time: arithmetic", () => {
  it("counts business minutes within a day, over nights and over weekends", () => {
    expect(businessMinutesBetween(office, P("2026-06-01 09:00"), P("2026-06-01 11:30"))).to.equal(150);
    expect(businessMinutesBetween(office, P("2026-06-01 07:00"), P("2026-06-01 20:00"))).to.equal(600);
    expect(businessMinutesBetween(office, P("2026-06-01 17:00"), P("2026-06-02 09:00"))).to.equal(120);
    // Friday 17:00 -> Monday 09:00
    expect(businessMinutesBetween(office, P("2026-06-05 17:00"), P("2026-06-08 09:00"))).to.equal(120);
    expect(businessMinutesBetween(office, P("2026-06-06 10:00"), P("2026-06-07 23:00"))).to.equal(0);
    expect(businessMinutesBetween(office, P("2026-06-01 00:00"), P("2026-06-08 00:00"))).to.equal(50 * H);
    expect(businessMinutesBetween(office, P("2026-01-01 00:00"), P("2027-01-01 00:00"))).to.equal(261 * 10 * H);
  });
  it("is 0 when b <= a", () => {
    expect(businessMinutesBetween(office, P("2026-06-01 11:00"), P("2026-06-01 10:00"))).to.equal(0);
    expect(businessMinutesBetween(office, P("2026-06-01 11:00"), P("2026-06-01 11:00"))).to.equal(0);
  });
  it("adds business minutes within a day, over nights and over weekends", () => {
    expect(L(addBusinessMinutes(office, P("2026-06-01 09:00"), 2 * H))).to.equal("2026-06-01 11:00");
    expect(L(addBusinessMinutes(office, P("2026-06-01 17:00"), 2 * H))).to.equal("2026-06-02 09:00");
    expect(L(addBusinessMinutes(office, P("2026-06-05 17:00"), 2 * H))).to.equal("2026-06-08 09:00");
    // P4: one week = 5 business days
    expect(L(addBusinessMinutes(office, P("2026-06-03 10:00"), 50 * H))).to.equal("2026-06-10 10:00");
  });
  it("ends a target that fills the day at the closing time, not the next morning", () => {
    expect(L(addBusinessMinutes(office, P("2026-06-01 08:00"), 10 * H))).to.equal("2026-06-01 18:00");
    expect(L(addBusinessMinutes(office, P("2026-06-05 16:00"), 2 * H))).to.equal("2026-06-05 18:00");
  });
  it("starts counting at the next opening when the start is outside business hours", () => {
    expect(L(addBusinessMinutes(office, P("2026-06-01 06:12"), 30))).to.equal("2026-06-01 08:30");
    expect(L(addBusinessMinutes(office, P("2026-06-01 19:00"), 30))).to.equal("2026-06-02 08:30");
    expect(L(addBusinessMinutes(office, P("2026-06-06 12:00"), 30))).to.equal("2026-06-08 08:30");
    expect(L(addBusinessMinutes(lunchBreak, P("2026-06-02 12:15"), 30))).to.equal("2026-06-02 14:00");
  });
  it("moves the start to the next business instant for 0 minutes", () => {
    expect(L(addBusinessMinutes(office, P("2026-06-01 10:17"), 0))).to.equal("2026-06-01 10:17");
    expect(L(addBusinessMinutes(office, P("2026-06-01 08:00"), 0))).to.equal("2026-06-01 08:00");
    expect(L(addBusinessMinutes(office, P("2026-06-01 18:00"), 0))).to.equal("2026-06-02 08:00");
    expect(L(addBusinessMinutes(office, P("2026-06-05 23:00"), 0))).to.equal("2026-06-08 08:00");
    expect(L(addBusinessMinutes(office, P("2026-06-01 03:00"), 0))).to.equal("2026-06-01 08:00");
  });
  it("keeps fractions of a minute to the millisecond", () => {
    expect(addBusinessMinutes(office, P("2026-06-01 09:00"), 0.5).toISOString()).to.equal("2026-06-01T07:00:30.000Z");
    expect(addBusinessMinutes(office, P("2026-06-01 17:59"), 1.25).toISOString()).to.equal("2026-06-02T06:00:15.000Z");
    expect(addBusinessMinutes(office, P("2026-06-01 09:00"), 1 / 60000).toISOString()).to.equal("2026-06-01T07:00:00.001Z");
    expect(businessMinutesBetween(office, P("2026-06-01 09:00"), new Date(P("2026-06-01 09:00").getTime() + 1500))).to.equal(0.025);
    expect(businessMinutesBetween(office, new Date("2026-06-01T15:59:59.999Z"), P("2026-06-02 08:00:30"))).to.equal(0.5 + 1 / 60000);
  });
  it("honours lunch breaks and Saturday mornings", () => {
    // Tuesday 08:00-12:00 and 13:30-18:00
    expect(businessMinutesBetween(lunchBreak, P("2026-06-02 00:00"), P("2026-06-03 00:00"))).to.equal(8.5 * H);
    expect(L(addBusinessMinutes(lunchBreak, P("2026-06-02 11:00"), 2 * H))).to.equal("2026-06-02 14:30");
    expect(L(addBusinessMinutes(lunchBreak, P("2026-06-05 17:00"), 2 * H))).to.equal("2026-06-06 10:00");
  });
  it("skips holidays (Christmas 2026 is a Friday)", () => {
    expect(L(addBusinessMinutes(lunchBreak, P("2026-12-24 17:00"), 2 * H))).to.equal("2026-12-26 10:00");
    const withXmas = cal({ holidays: ["2026-12-25"] });
    expect(L(addBusinessMinutes(withXmas, P("2026-12-24 17:00"), 2 * H))).to.equal("2026-12-28 09:00");
    expect(businessMinutesBetween(withXmas, P("2026-12-24 08:00"), P("2026-12-28 18:00"))).to.equal(20 * H);
    expect(businessMinutesBetween(office, P("2026-12-24 08:00"), P("2026-12-28 18:00"))).to.equal(30 * H);
    expect(L(addBusinessMinutes(withXmas, P("2026-12-25 10:00"), 0))).to.equal("2026-12-28 08:00");
  });
  it("sees holidays added to a calendar it has already used", () => {
    const c = cal({ holidays: [] });
    expect(L(addBusinessMinutes(c, P("2026-12-24 17:00"), 2 * H))).to.equal("2026-12-25 09:00");
    c.holidays.push("2026-12-25");
    expect(L(addBusinessMinutes(c, P("2026-12-24 17:00"), 2 * H))).to.equal("2026-12-28 09:00");
  });
  it("counts in the calendar's own zone: America/New_York", () => {
    const start = P("2026-06-01 17:00", NY); // Monday 17:00 EDT = 23:00 Paris
    expect(L(addBusinessMinutes(newYork, start, 2 * H), NY)).to.equal("2026-06-02 09:00");
    expect(addBusinessMinutes(newYork, start, 2 * H).toISOString()).to.equal("2026-06-02T13:00:00.000Z");
    expect(L(addBusinessMinutes(office, start, 2 * H))).to.equal("2026-06-02 10:00");
    expect(businessMinutesBetween(newYork, P("2026-06-01 08:00"), P("2026-06-01 18:00"))).to.equal(4 * H); // 08:00-12:00 EDT
    // the US changes on other dates: 2026-03-08 and 2026-11-01
    expect(L(addBusinessMinutes(newYork, P("2026-03-06 17:00", NY), 2 * H), NY)).to.equal("2026-03-09 09:00");
    expect(addBusinessMinutes(newYork, P("2026-03-06 17:00", NY), 2 * H).toISOString()).to.equal("2026-03-09T13:00:00.000Z");
    expect(businessMinutesBetween(cal({ timezone: NY, hours: every([["00:00", "24:00"]]) }), P("2026-11-01 00:00", NY), P("2026-11-02 00:00", NY))).to.equal(25 * H);
  });
  it("counts real elapsed time in an always-open calendar, ignoring hours and holidays", () => {
    const c = cal({ alwaysOpen: true, hours: every([]), holidays: ["2026-12-25"] });
    expect(businessMinutesBetween(c, P("2026-12-24 17:00"), P("2026-12-26 17:00"))).to.equal(48 * H);
    expect(addBusinessMinutes(c, P("2026-12-24 17:00"), 4 * H).toISOString()).to.equal(P("2026-12-24 21:00").toISOString());
    expect(addBusinessMinutes(c, P("2026-06-06 03:00"), 0).toISOString()).to.equal(P("2026-06-06 03:00").toISOString());
    expect(businessMinutesBetween(always, P("2026-03-29 00:00"), P("2026-03-30 00:00"))).to.equal(23 * H);
    expect(businessMinutesBetween(always, P("2026-10-25 00:00"), P("2026-10-26 00:00"))).to.equal(25 * H);
  });
});

describe("unit: SLA business time: daylight saving (Europe/Paris)", () => {
  it("has a 23-hour day on 2026-03-29 and a 25-hour day on 2026-10-25 in a calendar open day and night", () => {
    expect(businessMinutesBetween(allDay, P("2026-03-29 00:00"), P("2026-03-30 00:00"))).to.equal(23 * H);
    expect(businessMinutesBetween(allDay, P("2026-10-25 00:00"), P("2026-10-26 00:00"))).to.equal(25 * H);
    expect(businessMinutesBetween(allDay, P("2026-03-28 00:00"), P("2026-03-29 00:00"))).to.equal(24 * H);
    expect(L(addBusinessMinutes(allDay, P("2026-03-29 00:00"), 24 * H))).to.equal("2026-03-30 01:00");
    expect(L(addBusinessMinutes(allDay, P("2026-10-25 00:00"), 24 * H))).to.equal("2026-10-25 23:00");
    expect(L(addBusinessMinutes(allDay, P("2026-03-29 01:30"), 60))).to.equal("2026-03-29 03:30");
    expect(addBusinessMinutes(allDay, P("2026-10-25 02:30"), 60).toISOString()).to.equal("2026-10-25T01:30:00.000Z"); // 02:30 CET, the second one
  });
  it("counts a 01:00-05:00 range as 3 h on the spring-forward night and 5 h on the fall-back night", () => {
    expect(businessMinutesBetween(nightShift, P("2026-03-29 00:00"), P("2026-03-30 00:00"))).to.equal(3 * H);
    expect(businessMinutesBetween(nightShift, P("2026-10-25 00:00"), P("2026-10-26 00:00"))).to.equal(5 * H);
    expect(businessMinutesBetween(nightShift, P("2026-03-28 00:00"), P("2026-03-29 00:00"))).to.equal(4 * H);
    expect(L(addBusinessMinutes(nightShift, P("2026-03-29 00:00"), 3 * H))).to.equal("2026-03-29 05:00");
    expect(L(addBusinessMinutes(nightShift, P("2026-03-29 00:00"), 3 * H + 1))).to.equal("2026-03-30 01:01");
    expect(L(addBusinessMinutes(nightShift, P("2026-10-25 00:00"), 5 * H))).to.equal("2026-10-25 05:00");
    expect(addBusinessMinutes(nightShift, P("2026-10-25 00:00"), 2 * H).toISOString()).to.equal("2026-10-25T01:00:00.000Z");
  });
  it("counts a range that starts or ends in the skipped hour by the wall clock", () => {
    const c = cal({ hours: every([["02:30", "05:00"]]) }); // 02:00-03:00 does not exist on 2026-03-29
    expect(businessMinutesBetween(c, P("2026-03-29 00:00"), P("2026-03-30 00:00"))).to.equal(2 * H);
    const d = cal({ hours: every([["01:00", "02:30"]]) });
    expect(businessMinutesBetween(d, P("2026-03-29 00:00"), P("2026-03-30 00:00"))).to.equal(H);
    expect(businessMinutesBetween(d, P("2026-10-25 00:00"), P("2026-10-26 00:00"))).to.equal(2 * H); // 02:00-02:30 twice
  });
  it("keeps office hours at 08:00-18:00 local across both changes", () => {
    expect(L(addBusinessMinutes(office, P("2026-03-27 17:00"), 2 * H))).to.equal("2026-03-30 09:00");
    expect(addBusinessMinutes(office, P("2026-03-27 17:00"), 2 * H).toISOString()).to.equal("2026-03-30T07:00:00.000Z");
    expect(L(addBusinessMinutes(office, P("2026-10-23 17:00"), 2 * H))).to.equal("2026-10-26 09:00");
    expect(addBusinessMinutes(office, P("2026-10-23 17:00"), 2 * H).toISOString()).to.equal("2026-10-26T08:00:00.000Z");
    expect(businessMinutesBetween(office, P("2026-03-23 00:00"), P("2026-04-06 00:00"))).to.equal(100 * H);
    expect(businessMinutesBetween(office, P("2026-10-19 00:00"), P("2026-11-02 00:00"))).to.equal(100 * H);
  });
});

describe("unit: SLA business time: add and between are inverse", () => {
  const calendars: [string, BusinessCalendar][] = [
    ["office", cal({ holidays: ["2026-05-01", "2026-12-25", "2027-01-01"] })], ["all day", allDay], ["night shift", nightShift],
    ["lunch break", lunchBreak], ["New York", newYork], ["always open", always],
  ];
  for (const [name, c] of calendars) {
    it(`${name}: between(a, add(a, m)) = m, and add(a, between(a, b)) ends no later than b with nothing open in between`, () => {
      const rnd = prng(name.length * 7919 + 17);
      const from = Date.UTC(2026, 0, 1), span = 730 * 24 * 3600_000; // two years: four DST changes
      for (let i = 0; i < 400; i++) {
        const a = new Date(from + Math.floor(rnd() * span));
        const ms = Math.floor(rnd() * (rnd() < 0.5 ? 600 : 6000) * 60_000);
        const m = ms / 60_000;
        const due = addBusinessMinutes(c, a, m);
        expect(businessMinutesBetween(c, a, due), `${a.toISOString()} + ${m}`).to.equal(m);
        expect(due.getTime()).to.be.at.least(a.getTime());
        const b = new Date(a.getTime() + Math.floor(rnd() * 20 * 24 * 3600_000));
        const elapsed = businessMinutesBetween(c, a, b);
        const back = addBusinessMinutes(c, a, elapsed);
        expect(businessMinutesBetween(c, a, back)).to.equal(elapsed);
        if (elapsed > 0) {
          expect(back.getTime(), `${a.toISOString()} -> ${b.toISOString()}`).to.be.at.most(b.getTime());
          expect(businessMinutesBetween(c, back, b)).to.equal(0);
        }
        expect(addBusinessMinutes(c, a, m + 1).getTime()).to.be.greaterThan(due.getTime());
      }
    });
  }
});

describe("unit: SLA business time: guards and speed", () => {
  it("throws a clear error for a calendar that never opens", () => {
    const closed = cal({ hours: every([]) });
    expect(() => addBusinessMinutes(closed, P("2026-06-01 09:00"), 60)).to.throw(Error, /no open hours/);
    expect(businessMinutesBetween(closed, P("2026-06-01 09:00"), P("2027-06-01 09:00"))).to.equal(0);
  });
  it("gives up after 3 years of holidays", () => {
    const days: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2030, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    const c = cal({ holidays: days });
    expect(() => addBusinessMinutes(c, P("2026-06-01 09:00"), 60)).to.throw(Error, /within 3 years/);
  });
  it("refuses negative, infinite or absurd targets", () => {
    expect(() => addBusinessMinutes(office, P("2026-06-01 09:00"), -1)).to.throw(RangeError);
    expect(() => addBusinessMinutes(office, P("2026-06-01 09:00"), Number.NaN)).to.throw(RangeError);
    expect(() => addBusinessMinutes(office, P("2026-06-01 09:00"), Infinity)).to.throw(RangeError);
    expect(() => addBusinessMinutes(office, P("2026-06-01 09:00"), 1e12)).to.throw(RangeError);
    expect(() => addBusinessMinutes(office, new Date("nope"), 5)).to.throw(TypeError);
  });
  it("adds a one-week target 10,000 times in well under a second", () => {
    const rnd = prng(42);
    const starts = Array.from({ length: 10_000 }, () => new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 365 * 86_400_000)));
    addBusinessMinutes(office, starts[0], 50 * H); // warm-up
    for (const [c, minutes] of [[office, 50 * H], [office, 7 * 24 * H], [always, 7 * 24 * H]] as const) {
      const t0 = process.hrtime.bigint();
      for (const s of starts) addBusinessMinutes(c, s, minutes);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      expect(ms, `${minutes} min: ${(ms * 100).toFixed(2)} µs per call`).to.be.below(1000);
    }
  });
});

const seg = (kind: SegmentKind, local: string, reason?: string): ClockSegment => ({ kind, at: P(local), reason });
const span = (i: { from: Date; to: Date }) => `${L(i.from)} - ${L(i.to)}`;

describe("unit: SLA clock: segments", () => {
  it("runs from start to pause and from resume to stop, an open interval until now", () => {
    const segments = [seg("start", "2026-06-01 09:00"), seg("pause", "2026-06-01 11:00"), seg("resume", "2026-06-03 15:00")];
    expect(runningIntervals(segments, P("2026-06-04 10:00")).map(span)).to.deep.equal(["2026-06-01 09:00 - 2026-06-01 11:00", "2026-06-03 15:00 - 2026-06-04 10:00"]);
    const stopped = [...segments, seg("stop", "2026-06-03 16:00")];
    expect(runningIntervals(stopped, P("2026-06-10 10:00")).map(span)).to.deep.equal(["2026-06-01 09:00 - 2026-06-01 11:00", "2026-06-03 15:00 - 2026-06-03 16:00"]);
    expect(runningIntervals([], P("2026-06-10 10:00"))).to.deep.equal([]);
  });
  it("sorts unordered segments by time, keeping the given order for equal times", () => {
    const segments = [seg("resume", "2026-06-03 15:00"), seg("pause", "2026-06-01 11:00"), seg("start", "2026-06-01 09:00")];
    expect(runningIntervals(segments, P("2026-06-03 16:00")).map(span)).to.deep.equal(["2026-06-01 09:00 - 2026-06-01 11:00", "2026-06-03 15:00 - 2026-06-03 16:00"]);
    // pause then resume at the same instant: the clock keeps running
    const same = [seg("start", "2026-06-01 09:00"), seg("pause", "2026-06-01 10:00"), seg("resume", "2026-06-01 10:00")];
    expect(runningIntervals(same, P("2026-06-01 12:00")).map(span)).to.deep.equal(["2026-06-01 09:00 - 2026-06-01 10:00", "2026-06-01 10:00 - 2026-06-01 12:00"]);
    expect(targetState(office, same, 600, P("2026-06-01 12:00")).elapsedMinutes).to.equal(180);
  });
  it("ignores repeated pauses and resumes", () => {
    const segments = [
      seg("start", "2026-06-01 09:00"), seg("pause", "2026-06-01 10:00"), seg("pause", "2026-06-01 12:00"),
      seg("resume", "2026-06-01 14:00"), seg("resume", "2026-06-01 15:00"), seg("start", "2026-06-01 15:30"),
    ];
    expect(runningIntervals(segments, P("2026-06-01 16:00")).map(span)).to.deep.equal(["2026-06-01 09:00 - 2026-06-01 10:00", "2026-06-01 14:00 - 2026-06-01 16:00"]);
    const s = targetState(office, segments, 600, P("2026-06-01 16:00"));
    expect(s.elapsedMinutes).to.equal(180);
    expect(s.paused).to.equal(false);
  });
  it("ignores segments after now and a pause of a stopped clock; a resume after a stop restarts it (reopened)", () => {
    const segments = [seg("start", "2026-06-01 09:00"), seg("stop", "2026-06-01 10:00"), seg("pause", "2026-06-01 11:00"), seg("resume", "2026-06-02 09:00", "reopened")];
    expect(runningIntervals(segments, P("2026-06-01 17:00")).map(span)).to.deep.equal(["2026-06-01 09:00 - 2026-06-01 10:00"]);
    expect(targetState(office, segments, 600, P("2026-06-01 17:00")).stopped).to.equal(true);
    expect(runningIntervals(segments, P("2026-06-02 10:00")).map(span)).to.deep.equal(["2026-06-01 09:00 - 2026-06-01 10:00", "2026-06-02 09:00 - 2026-06-02 10:00"]);
    const reopened = targetState(office, segments, 600, P("2026-06-02 10:00"));
    expect(reopened.stopped).to.equal(false);
    expect(reopened.elapsedMinutes).to.equal(120);
    expect(L(reopened.dueAt)).to.equal("2026-06-02 18:00");
  });
});

describe("unit: SLA clock: target state", () => {
  const created = seg("start", "2026-06-01 09:00", "created"); // Monday

  it("has a due date while running, counted in business time from now", () => {
    const s = targetState(office, [created], 4 * H, P("2026-06-01 10:30"));
    expect(s).to.deep.include({ targetMinutes: 240, elapsedMinutes: 90, paused: false, stopped: false, breachedAt: null, fraction: 0.375 });
    expect(L(s.dueAt)).to.equal("2026-06-01 13:00");
    expect(L(targetState(office, [created], 10 * H, P("2026-06-01 16:00")).dueAt)).to.equal("2026-06-02 09:00");
    expect(slaState(s, null)).to.equal("on_track");
  });
  it("has no due date while paused, and the paused time does not count", () => {
    const segments = [created, seg("pause", "2026-06-01 10:00", "pending")];
    const s = targetState(office, segments, 4 * H, P("2026-06-02 12:00"));
    expect(s).to.deep.include({ elapsedMinutes: 60, paused: true, stopped: false, dueAt: null, breachedAt: null });
    expect(slaState(s, null)).to.equal("paused");
    const resumed = targetState(office, [...segments, seg("resume", "2026-06-02 12:00")], 4 * H, P("2026-06-02 12:00"));
    expect(L(resumed.dueAt)).to.equal("2026-06-02 15:00");
  });
  it("stops: no due date when stopped before the target, elapsed frozen at the stop", () => {
    const segments = [created, seg("stop", "2026-06-01 10:00", "resolved")];
    const s = targetState(office, segments, 2 * H, P("2026-06-05 12:00"));
    expect(s).to.deep.include({ elapsedMinutes: 60, stopped: true, paused: false, dueAt: null, breachedAt: null, fraction: 0.5 });
    expect(slaState(s, P("2026-06-01 10:00"))).to.equal("met");
  });
  it("keeps the breach instant when the clock is paused or stopped afterwards", () => {
    const segments = [created, seg("pause", "2026-06-01 11:00")];
    const s = targetState(office, segments, 60, P("2026-06-02 12:00"));
    expect(L(s.breachedAt)).to.equal("2026-06-01 10:00");
    expect(L(s.dueAt)).to.equal("2026-06-01 10:00");
    expect(s).to.deep.include({ paused: true, elapsedMinutes: 120, fraction: 2 });
    expect(slaState(s, null)).to.equal("breached");
    const stopped = targetState(office, [...segments, seg("resume", "2026-06-02 09:00"), seg("stop", "2026-06-02 09:30")], 60, P("2026-06-03 12:00"));
    expect(L(stopped.breachedAt)).to.equal("2026-06-01 10:00");
    expect(stopped.stopped).to.equal(true);
    expect(slaState(stopped, P("2026-06-02 09:30"))).to.equal("breached");
  });
  it("finds a breach inside a later running interval", () => {
    const segments = [created, seg("pause", "2026-06-01 10:00"), seg("resume", "2026-06-01 17:00")];
    const s = targetState(office, segments, 3 * H, P("2026-06-02 12:00"));
    expect(L(s.breachedAt)).to.equal("2026-06-02 09:00"); // 1 h Monday morning, 1 h Monday evening, 1 h Tuesday
  });
  it("turns at_risk at exactly 75% and breached at exactly 100%", () => {
    const start = [seg("start", "2026-06-01 08:00")];
    const at = (local: string, ms = 0) => targetState(office, start, 10 * H, new Date(P(local).getTime() + ms));
    expect(AT_RISK_FRACTION).to.equal(0.75);
    expect(slaState(at("2026-06-01 15:30", -1), null)).to.equal("on_track");
    expect(at("2026-06-01 15:30").fraction).to.equal(0.75);
    expect(slaState(at("2026-06-01 15:30"), null)).to.equal("at_risk");
    expect(slaState(at("2026-06-01 18:00", -1), null)).to.equal("at_risk");
    expect(at("2026-06-01 18:00", -1).breachedAt).to.equal(null);
    const due = at("2026-06-01 18:00");
    expect(due.fraction).to.equal(1);
    expect(L(due.breachedAt)).to.equal("2026-06-01 18:00");
    expect(slaState(due, null)).to.equal("breached");
    // overnight the elapsed time stays at 100%: still breached, dueAt stays the breach
    const night = at("2026-06-01 23:00");
    expect(night.fraction).to.equal(1);
    expect(L(night.dueAt)).to.equal("2026-06-01 18:00");
    expect(slaState(night, null)).to.equal("breached");
  });
  it("is met when the event came before the breach, breached when it came at or after it", () => {
    const s = targetState(office, [created], 60, P("2026-06-01 12:00"));
    expect(slaState(s, P("2026-06-01 09:59"))).to.equal("met");
    expect(slaState(s, P("2026-06-01 10:00"))).to.equal("breached");
    expect(slaState(s, P("2026-06-01 11:00"))).to.equal("breached");
    // met trumps paused and at_risk
    const paused = targetState(office, [created, seg("pause", "2026-06-01 09:50")], 60, P("2026-06-01 12:00"));
    expect(slaState(paused, null)).to.equal("paused");
    expect(slaState(paused, P("2026-06-01 09:50"))).to.equal("met");
  });
  it("runs around the clock with an always-open calendar", () => {
    const s = targetState(always, [seg("start", "2026-06-05 17:00")], 4 * H, P("2026-06-05 19:00"));
    expect(L(s.dueAt)).to.equal("2026-06-05 21:00");
    expect(s.fraction).to.equal(0.5);
  });
  it("has no due date for a clock that never started, and refuses a target that is not positive", () => {
    expect(targetState(office, [], 60, P("2026-06-01 12:00"))).to.deep.include({ dueAt: null, elapsedMinutes: 0, paused: false, stopped: false });
    expect(() => targetState(office, [created], 0, P("2026-06-01 12:00"))).to.throw(RangeError);
    expect(() => targetState(office, [created], -5, P("2026-06-01 12:00"))).to.throw(RangeError);
  });

  it("replays the same segments with a new target when the ticket is re-prioritised: paused time is never lost", () => {
    // created Monday 09:00 as P3 (resolution 48 business hours), pending Monday 11:00 to Wednesday 15:00
    const segments = [created, seg("pause", "2026-06-01 11:00", "pending"), seg("resume", "2026-06-03 15:00", "resumed")];
    const paused = targetState(office, segments.slice(0, 2), 48 * H, P("2026-06-02 12:00"));
    expect(paused).to.deep.include({ elapsedMinutes: 120, paused: true, dueAt: null });
    const p3 = targetState(office, segments, 48 * H, P("2026-06-03 15:00"));
    expect(p3.elapsedMinutes).to.equal(120);
    expect(L(p3.dueAt)).to.equal("2026-06-10 11:00"); // 46 h left: Wed 3 + Thu 10 + Fri 10 + Mon 10 + Tue 10 + Wed 3
    // re-prioritised to P2 (8 business hours) at Wednesday 15:00: 6 h left
    const p2 = targetState(office, segments, 8 * H, P("2026-06-03 15:00"));
    expect(p2).to.deep.include({ elapsedMinutes: 120, paused: false, stopped: false, breachedAt: null, fraction: 0.25 });
    expect(L(p2.dueAt)).to.equal("2026-06-04 11:00"); // Wed 15-18 = 3 h, Thu 08-11 = 3 h
    // the same due date whenever it is replayed before the breach
    expect(L(targetState(office, segments, 8 * H, P("2026-06-04 10:00")).dueAt)).to.equal("2026-06-04 11:00");
    // and a breach after it, with the same instant
    const late = targetState(office, segments, 8 * H, P("2026-06-04 12:00"));
    expect(L(late.breachedAt)).to.equal("2026-06-04 11:00");
    expect(slaState(late, null)).to.equal("breached");
  });
});
