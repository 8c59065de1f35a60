/**
 * Business-time arithmetic for the SLA clocks: pure functions, no database.
 *
 * A calendar is a time zone, weekly opening hours ("HH:MM" ranges, local wall clock) and
 * holidays (local dates). The time zone is handled with Intl.DateTimeFormat only: the UTC
 * offset of a zone is read once per UTC day and cached (with the exact instant of a change
 * when the offset differs at both ends of the day), so the walkers below cost a few map
 * look-ups per day.
 *
 * Opening hours mean "the instants whose local wall-clock time lies in the range": on a
 * daylight-saving night a range counts the real elapsed time (01:00-05:00 is 3 h when the
 * clocks spring forward, 5 h when they fall back).
 *
 * Calendars are treated as immutable values: their compiled form is cached per object.
 */

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = Sunday (like Date.getDay)
/** Working hours per weekday as "HH:MM" ranges in the calendar's time zone; several ranges a day allowed (e.g. lunch break); [] = closed. */
export type WeeklyHours = Record<Weekday, [string, string][]>;
export interface BusinessCalendar {
  timezone: string; // IANA, e.g. "Europe/Paris"
  alwaysOpen: boolean; // 24/7 (the P1 calendar): hours and holidays ignored
  hours: WeeklyHours;
  holidays: string[]; // "YYYY-MM-DD" local dates, closed all day
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far add walks without meeting an open hour before it gives up. */
const MAX_CLOSED_DAYS = 3 * 366;
/** The largest target accepted by addBusinessMinutes: ten years of wall-clock time. */
const MAX_MINUTES = 10 * 366 * 24 * 60;

const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const OFFICE: [string, string][] = [["08:00", "18:00"]];

function freezeHours(h: WeeklyHours): WeeklyHours {
  for (const d of WEEKDAYS) {
    for (const r of h[d]) Object.freeze(r);
    Object.freeze(h[d]);
  }
  return Object.freeze(h);
}

/** Mon-Fri 08:00-18:00 (frozen: copy it to edit). */
export const DEFAULT_HOURS: WeeklyHours = freezeHours({
  0: [], 1: structuredClone(OFFICE), 2: structuredClone(OFFICE), 3: structuredClone(OFFICE),
  4: structuredClone(OFFICE), 5: structuredClone(OFFICE), 6: [],
});

const TIME = /^(\d\d):(\d\d)$/;

/** "HH:MM" -> minutes of the day, or NaN; "24:00" only when allowed (as an end). */
function parseTime(s: unknown, allow24: boolean): number {
  if (typeof s !== "string") return NaN;
  const m = TIME.exec(s);
  if (!m) return NaN;
  const h = Number(m[1]), min = Number(m[2]);
  if (min > 59) return NaN;
  if (h < 24 || (allow24 && h === 24 && min === 0)) return h * 60 + min;
  return NaN;
}

/** A weekday's ranges as sorted [start, end) minute pairs, touching ranges merged; null if malformed. */
function parseDay(ranges: unknown): number[] | null {
  if (!Array.isArray(ranges)) return null;
  const pairs: [number, number][] = [];
  for (const r of ranges) {
    if (!Array.isArray(r) || r.length !== 2) return null;
    const s = parseTime(r[0], false), e = parseTime(r[1], true);
    if (Number.isNaN(s) || Number.isNaN(e) || s >= e) return null;
    pairs.push([s, e]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    const last = out.length - 1;
    if (last > 0 && s < out[last]) return null; // overlap
    if (last > 0 && s === out[last]) out[last] = e;
    else out.push(s, e);
  }
  return out;
}

/** Ranges well-formed ("HH:MM", "24:00" allowed as an end), start < end, non-overlapping; exactly the weekdays 0-6. */
export function isValidHours(h: unknown): h is WeeklyHours {
  if (typeof h !== "object" || h === null || Array.isArray(h)) return false;
  const keys = Object.keys(h);
  if (keys.length !== 7 || !keys.every((k) => /^[0-6]$/.test(k))) return false;
  return WEEKDAYS.every((d) => parseDay((h as Record<number, unknown>)[d]) !== null);
}

// ---------------------------------------------------------------------------------------
// Time zones

interface ZoneDay {
  /** Offset (local - UTC, ms) at the start of the UTC day. */
  off0: number;
  /** Offset from `tr` to the end of the day (= off0 when there is no change). */
  off1: number;
  /** The instant the offset changes, or Infinity. */
  tr: number;
}

const MAX_ZONE_DAYS = 100_000;

class Zone {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly days = new Map<number, ZoneDay>();

  constructor(readonly name: string) {
    try {
      this.fmt = new Intl.DateTimeFormat("en-US", {
        timeZone: name, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", second: "numeric", era: "short",
      });
    } catch {
      throw new RangeError(`Unknown time zone "${name}"`);
    }
  }

  /** The offset at an instant, straight from Intl (to the second). */
  private rawOffset(ms: number): number {
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bc = false;
    for (const p of this.fmt.formatToParts(ms)) {
      switch (p.type) {
        case "year": y = Number(p.value); break;
        case "month": mo = Number(p.value); break;
        case "day": d = Number(p.value); break;
        case "hour": h = Number(p.value); break;
        case "minute": mi = Number(p.value); break;
        case "second": s = Number(p.value); break;
        case "era": bc = p.value.startsWith("B"); break;
      }
    }
    const local = new Date(0);
    local.setUTCFullYear(bc ? 1 - y : y, mo - 1, d);
    local.setUTCHours(h, mi, s, 0);
    return local.getTime() - Math.floor(ms / 1000) * 1000;
  }

  day(d: number): ZoneDay {
    let info = this.days.get(d);
    if (info) return info;
    const start = d * DAY;
    const off0 = this.days.get(d - 1)?.off1 ?? this.rawOffset(start);
    const next = this.days.get(d + 1);
    const off1 = next ? next.off0 : this.rawOffset(start + DAY);
    let tr = Infinity;
    if (off0 !== off1) {
      // the change is on a whole second: bisect (lo has off0, hi does not)
      let lo = start, hi = start + DAY;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (this.rawOffset(mid) === off0) lo = mid;
        else hi = mid;
      }
      tr = hi;
    }
    info = { off0, off1, tr };
    if (this.days.size >= MAX_ZONE_DAYS) this.days.clear();
    this.days.set(d, info);
    return info;
  }

  offsetAt(ms: number): number {
    const info = this.day(Math.floor(ms / DAY));
    return ms < info.tr ? info.off0 : info.off1;
  }
}

const zones = new Map<string, Zone>();

function zone(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    z = new Zone(name);
    zones.set(name, z);
  }
  return z;
}

/** Offsets range from -12 h to +14 h: the instants of a local day lie within this window. */
const BEFORE = 15 * HOUR, AFTER = 13 * HOUR;

/**
 * Pushes [from, to) UTC pairs (sorted, touching ones merged) of the instants whose local
 * time lies in [dayStart + ranges[i], dayStart + ranges[i+1]) for each pair of `ranges`
 * (minutes), where dayStart is local midnight of local day `d` (days since 1970-01-01).
 */
function localRanges(z: Zone, d: number, ranges: readonly number[], out: number[]): void {
  const base = d * DAY;
  const lo = base - BEFORE, hi = base + DAY + AFTER;
  for (let ud = Math.floor(lo / DAY), last = Math.floor((hi - 1) / DAY); ud <= last; ud++) {
    const info = z.day(ud);
    const ds = ud * DAY, de = ds + DAY;
    if (info.tr >= de) piece(Math.max(lo, ds), Math.min(hi, de), info.off0, base, ranges, out);
    else {
      piece(Math.max(lo, ds), Math.min(hi, info.tr), info.off0, base, ranges, out);
      piece(Math.max(lo, info.tr), Math.min(hi, de), info.off1, base, ranges, out);
    }
  }
}

/** The part of localRanges for one stretch [p0, p1) of constant offset `off`. */
function piece(p0: number, p1: number, off: number, base: number, ranges: readonly number[], out: number[]): void {
  if (p0 >= p1) return;
  for (let i = 0; i < ranges.length; i += 2) {
    const f = Math.max(p0, base + ranges[i] * MINUTE - off);
    const t = Math.min(p1, base + ranges[i + 1] * MINUTE - off);
    if (f >= t) continue;
    const n = out.length;
    if (n > 0 && out[n - 1] === f) out[n - 1] = t;
    else out.push(f, t);
  }
}

/** The local day (days since 1970-01-01 on the zone's wall clock) of an instant. */
function localDay(z: Zone, ms: number): number {
  return Math.floor((ms + z.offsetAt(ms)) / DAY);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The wall-clock time of an instant in a zone, "YYYY-MM-DD HH:MM" (seconds when not 0). */
export function utcToLocal(timezone: string, at: Date): string {
  const ms = at.getTime();
  const l = new Date(ms + zone(timezone).offsetAt(ms));
  const s = l.getUTCSeconds() || l.getUTCMilliseconds() ? `:${pad(l.getUTCSeconds())}${l.getUTCMilliseconds() ? `.${pad(l.getUTCMilliseconds(), 3)}` : ""}` : "";
  return `${pad(l.getUTCFullYear(), 4)}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}${s}`;
}

const LOCAL = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?$/;

/**
 * The instant of a wall-clock time "YYYY-MM-DD HH:MM[:SS]" in a zone. A time skipped by a
 * change of offset is read with the offset before it (02:30 on a spring-forward night in
 * Paris is 03:30 summer time); a time that happens twice is the earlier one.
 */
export function localToUtc(timezone: string, local: string): Date {
  const m = LOCAL.exec(local);
  if (!m) throw new RangeError(`Not a local date-time "YYYY-MM-DD HH:MM": "${local}"`);
  const L = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(L) || new Date(L).toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}` || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) throw new RangeError(`Invalid local date-time "${local}"`);
  const z = zone(timezone);
  const lo = L - BEFORE, hi = L + AFTER;
  let prevOff: number | null = null, prevEnd = 0;
  for (let ud = Math.floor(lo / DAY), last = Math.floor((hi - 1) / DAY); ud <= last; ud++) {
    const info = z.day(ud);
    const ds = ud * DAY, de = ds + DAY;
    const parts: [number, number, number][] = info.tr >= de ? [[ds, de, info.off0]] : [[ds, info.tr, info.off0], [info.tr, de, info.off1]];
    for (const [p0, p1, off] of parts) {
      const t = L - off;
      if (t >= p0 && t < p1) return new Date(t);
      // skipped: the wall-clock time fell in the gap between the previous stretch and this one
      if (prevOff !== null && prevOff !== off && L - prevOff >= prevEnd && t < p0) return new Date(L - prevOff);
      prevOff = off;
      prevEnd = p1;
    }
  }
  return new Date(L - z.offsetAt(L));
}

// ---------------------------------------------------------------------------------------
// Calendars

interface Compiled {
  zone: Zone;
  alwaysOpen: boolean;
  /** Per weekday, sorted [start, end) minute pairs. */
  week: number[][];
  holidays: Set<number>;
  closed: boolean;
  // what the cache entry was built from
  src: { hours: WeeklyHours; holidays: string[]; timezone: string; alwaysOpen: boolean; n: number };
}

const compiledCache = new WeakMap<BusinessCalendar, Compiled>();
const HOLIDAY = /^(\d{4})-(\d\d)-(\d\d)$/;

function compile(cal: BusinessCalendar): Compiled {
  const c = compiledCache.get(cal);
  if (c && c.src.hours === cal.hours && c.src.holidays === cal.holidays && c.src.n === cal.holidays.length
    && c.src.timezone === cal.timezone && c.src.alwaysOpen === cal.alwaysOpen) return c;
  const week: number[][] = [];
  const holidays = new Set<number>();
  if (!cal.alwaysOpen) {
    for (const d of WEEKDAYS) {
      const r = parseDay(cal.hours?.[d]);
      if (!r) throw new RangeError(`Invalid business hours for weekday ${d}: ${JSON.stringify(cal.hours?.[d])}`);
      week.push(r);
    }
    for (const h of cal.holidays ?? []) {
      const m = HOLIDAY.exec(h);
      const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
      if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== h) throw new RangeError(`Invalid holiday "${h}" (expected YYYY-MM-DD)`);
      holidays.add(ms / DAY);
    }
  }
  const compiled: Compiled = {
    zone: zone(cal.timezone), alwaysOpen: cal.alwaysOpen, week, holidays,
    closed: !cal.alwaysOpen && week.every((r) => r.length === 0),
    src: { hours: cal.hours, holidays: cal.holidays, timezone: cal.timezone, alwaysOpen: cal.alwaysOpen, n: cal.holidays?.length ?? 0 },
  };
  compiledCache.set(cal, compiled);
  return compiled;
}

/** The open UTC intervals of local day `d`, appended to `out` as [from, to) pairs. */
function openIntervals(c: Compiled, d: number, out: number[]): void {
  if (c.holidays.has(d)) return;
  const ranges = c.week[(((d + 4) % 7) + 7) % 7]; // 1970-01-01 was a Thursday
  if (ranges.length) localRanges(c.zone, d, ranges, out);
}

function time(d: Date, what: string): number {
  const ms = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(ms)) throw new TypeError(`${what} is not a valid date`);
  return ms;
}

const scratch: number[] = [];

/** Business milliseconds in [a, b) (integers). */
export function businessMsBetween(cal: BusinessCalendar, a: number, b: number): number {
  if (!(b > a)) return 0;
  const c = compile(cal);
  if (c.alwaysOpen) return b - a;
  if (c.closed) return 0;
  const z = c.zone;
  let total = 0;
  const out = scratch;
  for (let d = localDay(z, a) - 1, last = localDay(z, b) + 1; d <= last; d++) {
    out.length = 0;
    openIntervals(c, d, out);
    for (let i = 0; i < out.length; i += 2) {
      const f = Math.max(out[i], a), t = Math.min(out[i + 1], b);
      if (t > f) total += t - f;
    }
  }
  return total;
}

/** The instant `ms` business milliseconds after `start` (an integer ms count). */
export function addBusinessMs(cal: BusinessCalendar, start: number, ms: number): number {
  const c = compile(cal);
  if (c.alwaysOpen) return start + ms;
  if (c.closed) throw new Error("The business calendar has no open hours: no business time can be added");
  const z = c.zone;
  let remaining = ms, cursor = start, lastOpen = localDay(z, start);
  const out = scratch;
  for (let d = lastOpen - 1; ; d++) {
    out.length = 0;
    openIntervals(c, d, out);
    for (let i = 0; i < out.length; i += 2) {
      const to = out[i + 1];
      if (to <= cursor) continue;
      const from = Math.max(out[i], cursor);
      if (remaining <= to - from) return from + remaining;
      remaining -= to - from;
      cursor = to;
      lastOpen = d;
    }
    if (d - lastOpen > MAX_CLOSED_DAYS) {
      throw new Error(`The business calendar has no open hours within 3 years after ${new Date(cursor).toISOString()} (every day a holiday?)`);
    }
  }
}

/** Business minutes between a and b (0 if b <= a). Exact to the millisecond internally; returns minutes as a float. */
export function businessMinutesBetween(cal: BusinessCalendar, a: Date, b: Date): number {
  return businessMsBetween(cal, time(a, "a"), time(b, "b")) / MINUTE;
}

/**
 * The instant `minutes` business minutes after `start` (start itself may be outside business
 * hours: the count starts at the next opening). minutes = 0 -> start moved to the next
 * business instant. Fractions of a minute are kept to the millisecond.
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > MAX_MINUTES) {
    throw new RangeError(`minutes must be a number from 0 to ${MAX_MINUTES}, got ${minutes}`);
  }
  return new Date(addBusinessMs(cal, time(start, "start"), Math.round(minutes * MINUTE)));
}
