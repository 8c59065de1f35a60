/**
 * The figures over the tickets resolved in a period, from their facts rows: pure
 * functions (the dashboard query reads the rows; the unit tests hand them in).
 */

/** One resolved ticket as the dashboard reads it (facts joined with its survey answer). */
export interface FactRow {
  ticketId: number;
  priority: number;
  tier: number;
  groupId: number | null;
  categoryId: number | null;
  resolverId: number | null;
  resolvedAt: number;
  firstResponseSeconds: number | null;
  resolutionSeconds: number;
  tierSeconds: [number, number, number];
  responseMet: boolean | null;
  resolutionMet: boolean | null;
  escalated: boolean;
  reopened: boolean;
  fcr: boolean;
  kbSolved: boolean;
  score: number | null;
}

/** Ascending, as numbers: a typed array sorts numerically without a comparator, several times faster. */
const ascending = (values: number[]): Float64Array => Float64Array.from(values).sort();

function medianOf(s: Float64Array): number | null {
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function percentileOf(s: Float64Array, p: number): number | null {
  return s.length ? s[Math.max(0, Math.ceil(p * s.length) - 1)] : null;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  return medianOf(ascending(values));
}

/** Nearest rank: the smallest value at or above `p` of them (p in 0..1); null for none. */
export function percentile(values: number[], p: number): number | null {
  return percentileOf(ascending(values), p);
}

/** part / whole in percent with one decimal; null when there is no whole. */
export function rate(part: number, whole: number): number | null {
  return whole ? Math.round((1000 * part) / whole) / 10 : null;
}

/** Seconds as minutes with one decimal. */
export const minutes = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);

export interface TimeFigures {
  count: number;
  responseMedian: number | null;
  responseP90: number | null;
  resolutionMedian: number | null;
  resolutionP90: number | null;
  responseCompliance: number | null;
  resolutionCompliance: number | null;
  responseMet: number;
  responseTotal: number;
  resolutionMet: number;
  resolutionTotal: number;
}

/** Times (business minutes) and SLA compliance of a set of resolved tickets. */
export function timeFigures(rows: FactRow[]): TimeFigures {
  const responses = ascending(rows.filter((r) => r.firstResponseSeconds !== null).map((r) => r.firstResponseSeconds!));
  const resolutions = ascending(rows.map((r) => r.resolutionSeconds));
  const withResponse = rows.filter((r) => r.responseMet !== null);
  const withResolution = rows.filter((r) => r.resolutionMet !== null);
  const responseMet = withResponse.filter((r) => r.responseMet).length;
  const resolutionMet = withResolution.filter((r) => r.resolutionMet).length;
  return {
    count: rows.length,
    responseMedian: minutes(medianOf(responses)), responseP90: minutes(percentileOf(responses, 0.9)),
    resolutionMedian: minutes(medianOf(resolutions)), resolutionP90: minutes(percentileOf(resolutions, 0.9)),
    responseCompliance: rate(responseMet, withResponse.length), resolutionCompliance: rate(resolutionMet, withResolution.length),
    responseMet, responseTotal: withResponse.length, resolutionMet, resolutionTotal: withResolution.length,
  };
}

export interface Satisfaction {
  average: number | null;
  count: number;
  /** Answers per score, index 0 = score 1. */
  distribution: [number, number, number, number, number];
}

export function satisfaction(rows: FactRow[]): Satisfaction {
  const scores = rows.filter((r) => r.score !== null).map((r) => r.score!);
  const distribution: Satisfaction["distribution"] = [0, 0, 0, 0, 0];
  for (const s of scores) if (s >= 1 && s <= 5) distribution[s - 1]++;
  return {
    average: scores.length ? Math.round((100 * scores.reduce((a, b) => a + b, 0)) / scores.length) / 100 : null,
    count: scores.length, distribution,
  };
}

export interface QualityFigures {
  resolved: number;
  fcrRate: number | null;
  fcr: number;
  reopenRate: number | null;
  reopened: number;
  escalationRate: number | null;
  escalated: number;
  kbSolved: number;
}

export function qualityFigures(rows: FactRow[]): QualityFigures {
  const n = rows.length;
  const fcr = rows.filter((r) => r.fcr).length;
  const reopened = rows.filter((r) => r.reopened).length;
  const escalated = rows.filter((r) => r.escalated).length;
  return {
    resolved: n, fcr, fcrRate: rate(fcr, n), reopened, reopenRate: rate(reopened, n), escalated, escalationRate: rate(escalated, n),
    kbSolved: rows.filter((r) => r.kbSolved).length,
  };
}

/** Per tier: the tickets that spent time there and the average and median business minutes they spent. */
export function tierTimes(rows: FactRow[]): { tier: number; tickets: number; average: number | null; median: number | null }[] {
  return [1, 2, 3].map((tier) => {
    const spent = rows.map((r) => r.tierSeconds[tier - 1]).filter((s) => s > 0);
    return {
      tier, tickets: spent.length,
      average: spent.length ? minutes(spent.reduce((a, b) => a + b, 0) / spent.length) : null,
      median: minutes(median(spent)),
    };
  });
}

/** Rows split by a key, keys in first-seen order (callers sort). */
export function splitBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
