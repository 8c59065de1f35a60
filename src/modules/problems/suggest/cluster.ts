import type { SuggestionDimension } from "../problem-suggestion.entity";
import { fold, keywords } from "./keywords";

/** An incident of the window, as the clustering sees it. */
export interface ClusterIncident {
  id: number;
  categoryId: number;
  createdAt: Date;
  title: string;
  /** The requester's location (users.location). */
  location: string | null;
  /** The tags of the assets the incident is linked to (none for most). */
  assets?: readonly string[];
}

export interface Cluster {
  /** "<categoryId>|<dimension>|<normalised value>": stable from one run to the next. */
  key: string;
  categoryId: number;
  dimension: SuggestionDimension;
  /** As shown: the location as most requesters spell it, a keyword, or "keyword + keyword". */
  value: string;
  /** Oldest first. */
  ticketIds: number[];
  firstAt: Date;
  lastAt: Date;
}

/** A keyword in more than this share of a category's incidents says no more than the category. */
export const COMMON_SHARE = 0.5;
/**
 * A word broad at the last run stays broad while it is in more than this share (hysteresis):
 * a share hovering around one half must not flip the word between a single-keyword cluster
 * and pair clusters from one hourly run to the next, which would drop the suggestion (and
 * its dismissal) for one of another key.
 */
export const COMMON_SHARE_STAY = 0.4;

interface Candidate { dimension: SuggestionDimension; norm: string; value: string; rank: number; items: ClusterIncident[] }
/** What a rule knows of a category besides its incidents: the words that were broad at the last run (hysteresis). */
interface RuleContext { wasBroad: ReadonlySet<string> }
type Rule = (items: ClusterIncident[], threshold: number, ctx: RuleContext) => Candidate[];

/**
 * What the last run left, so that the clusters are stable from one run to the next.
 * `keys`: the stored suggestions' keys (live or dismissed); `dismissed`: whether a cluster
 * of this key and these incidents stays dismissed (refresh.ts decides, with its revival rule).
 */
export interface PreviousRun {
  keys: Iterable<string>;
  dismissed: (key: string, items: ClusterIncident[]) => boolean;
}

/** Group by a key; every group of at least `threshold`. */
function groups(items: ClusterIncident[], keysOf: (i: ClusterIncident) => string[], threshold: number): Map<string, ClusterIncident[]> {
  const by = new Map<string, ClusterIncident[]>();
  for (const i of items) {
    for (const k of keysOf(i)) {
      const list = by.get(k);
      if (list) list.push(i);
      else by.set(k, [i]);
    }
  }
  return new Map([...by].filter(([, list]) => list.length >= threshold));
}

/**
 * A dimension of plain values: the requester's location (one per incident), the tags of the
 * assets an incident is linked to (any number: an incident joins the cluster of each).
 */
const byValue = (dimension: SuggestionDimension, valuesOf: (i: ClusterIncident) => readonly (string | null)[], rank: number): Rule => (items, threshold) => {
  const norm = (v: string) => fold(v).replace(/\s+/g, " ");
  const spelt = (i: ClusterIncident) => valuesOf(i).map((v) => v?.trim() ?? "").filter(Boolean);
  return [...groups(items, (i) => [...new Set(spelt(i).map(norm))], threshold)].map(([key, list]) => {
    // shown as most of its incidents spell it (then the first in alphabetical order)
    const spellings = new Map<string, number>();
    for (const i of list) for (const v of new Set(spelt(i).filter((x) => norm(x) === key))) spellings.set(v, (spellings.get(v) ?? 0) + 1);
    const value = [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    return { dimension, norm: key, value, rank, items: list };
  });
};

/**
 * Title keywords: one cluster per keyword shared by `threshold` incidents or more. A keyword
 * found in more than half of the category's incidents (when the category has at least twice
 * the threshold) is broad ("printer" in Printing): its pairs with another keyword of the same
 * titles ("jam + printer") are clusters too, and when at least one pair reaches the threshold
 * the broad word alone is not suggested (it splits into narrower groups). A broad word with no
 * such pair stays alone: a burst of one topic ("vpn" in most Network incidents of the week).
 * A word broad at the last run stays broad down to COMMON_SHARE_STAY.
 */
const byKeyword: Rule = (items, threshold, { wasBroad }) => {
  const words = new Map(items.map((i) => [i.id, keywords(i.title)]));
  const singles = groups(items, (i) => words.get(i.id)!, threshold);
  const isBroad = ([w, l]: [string, ClusterIncident[]]) =>
    (items.length >= 2 * threshold && l.length > COMMON_SHARE * items.length) || (wasBroad.has(w) && l.length > COMMON_SHARE_STAY * items.length);
  const broad = new Set([...singles].filter(isBroad).map(([w]) => w));
  const pairs = broad.size ? groups(items, (i) => {
    const ws = [...words.get(i.id)!].sort();
    const keys: string[] = [];
    for (let a = 0; a < ws.length; a++) for (let b = a + 1; b < ws.length; b++) if (broad.has(ws[a]) || broad.has(ws[b])) keys.push(`${ws[a]}+${ws[b]}`);
    return keys;
  }, threshold) : new Map<string, ClusterIncident[]>();
  const split = new Set([...pairs.keys()].flatMap((k) => k.split("+")).filter((w) => broad.has(w)));
  const out: Candidate[] = [...singles].filter(([w]) => !split.has(w)).map(([w, list]) => ({ dimension: "keyword", norm: w, value: w, rank: 2, items: list }));
  for (const [k, list] of pairs) out.push({ dimension: "keyword", norm: k, value: k.replace("+", " + "), rank: 1, items: list });
  return out;
};

/**
 * The dimensions a cluster can share besides its category, in order of preference when two
 * clusters of the same size hold the same incidents (rank: the asset, then the location,
 * then the keywords): one device failing again and again says more than a site or a word.
 */
const RULES: Rule[] = [byValue("asset", (i) => i.assets ?? [], -1), byValue("location", (i) => [i.location], 0), byKeyword];

/**
 * The words broad at the last run, by category: in a pair key ("jam+printer"), the word of
 * the pair with more incidents now (both when equal) is the broad one.
 */
function broadBefore(keys: Iterable<string>, incidents: ClusterIncident[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const pairs: [number, string, string][] = [];
  for (const key of keys) {
    const [category, dimension, norm] = key.split("|");
    const words = norm?.split("+") ?? [];
    if (dimension === "keyword" && words.length === 2) pairs.push([Number(category), words[0], words[1]]);
  }
  if (!pairs.length) return out;
  const counts = new Map<string, number>();
  for (const i of incidents) for (const w of keywords(i.title)) counts.set(`${i.categoryId}|${w}`, (counts.get(`${i.categoryId}|${w}`) ?? 0) + 1);
  for (const [category, a, b] of pairs) {
    const [na, nb] = [counts.get(`${category}|${a}`) ?? 0, counts.get(`${category}|${b}`) ?? 0];
    const set = out.get(category) ?? new Set<string>();
    if (na >= nb) set.add(a);
    if (nb >= na) set.add(b);
    out.set(category, set);
  }
  return out;
}

/**
 * Clusters of incidents: at least `threshold` incidents of one category sharing a location
 * or a significant title keyword (or a pair, see byKeyword). A live cluster whose incidents
 * are all in a larger (or equal, preferred) live cluster of the same category is left out:
 * its incidents are already suggested together. A cluster that stays dismissed
 * (`previous.dismissed`) is returned (so its dismissal is remembered) and hides only a
 * cluster of exactly its incidents: the narrower clusters inside it are still suggested. Deterministic: the same input gives the
 * same clusters in the same order (largest first).
 */
export function clusterIncidents(incidents: ClusterIncident[], threshold: number, previous?: PreviousRun): Cluster[] {
  const byCategory = groups(incidents, (i) => [String(i.categoryId)], 1);
  const broad = previous ? broadBefore(previous.keys, incidents) : new Map<number, Set<string>>();
  const out: Cluster[] = [];
  for (const [category, items] of [...byCategory].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const categoryId = Number(category);
    if (items.length < threshold) continue;
    const ctx: RuleContext = { wasBroad: broad.get(categoryId) ?? new Set() };
    const candidates = RULES.flatMap((rule) => rule(items, threshold, ctx))
      .sort((a, b) => b.items.length - a.items.length || a.rank - b.rank || a.norm.localeCompare(b.norm));
    const keyOf = (c: Candidate) => `${categoryId}|${c.dimension}|${c.norm}`;
    const dismissed = new Set(previous ? candidates.filter((c) => previous.dismissed(keyOf(c), c.items)) : []);
    const ids = (c: Candidate) => new Set(c.items.map((i) => i.id));
    const within = (c: Candidate, sets: Set<number>[], equal: boolean) =>
      sets.some((k) => (equal ? k.size === c.items.length : k.size >= c.items.length) && c.items.every((i) => k.has(i.id)));
    // the same incidents under another name are the dismissed suggestion again; fewer of them are not
    const dismissedSets = [...dismissed].map(ids);
    const kept: Set<number>[] = [];
    for (const c of candidates) {
      const key = keyOf(c);
      if (!dismissed.has(c)) {
        // candidates come largest first: only a set at least as large can hold this one
        if (within(c, kept, false) || within(c, dismissedSets, true)) continue;
        kept.push(ids(c));
      }
      const sorted = [...c.items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
      out.push({
        key, categoryId, dimension: c.dimension, value: c.value.slice(0, 200),
        ticketIds: sorted.map((i) => i.id), firstAt: sorted[0].createdAt, lastAt: sorted[sorted.length - 1].createdAt,
      });
    }
  }
  return out;
}
