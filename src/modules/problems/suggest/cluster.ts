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

interface Candidate { dimension: SuggestionDimension; norm: string; value: string; rank: number; items: ClusterIncident[] }
type Rule = (items: ClusterIncident[], threshold: number) => Candidate[];

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

/** A dimension with one value per incident (the requester's location; an asset tag, once tickets link assets). */
const byValue = (dimension: SuggestionDimension, valueOf: (i: ClusterIncident) => string | null): Rule => (items, threshold) => {
  const norm = (v: string | null) => (v?.trim() ? fold(v.trim()).replace(/\s+/g, " ") : null);
  return [...groups(items, (i) => [norm(valueOf(i))].filter((v): v is string => v !== null), threshold)].map(([key, list]) => {
    // shown as most of its incidents spell it (then the first in alphabetical order)
    const spellings = new Map<string, number>();
    for (const i of list) spellings.set(valueOf(i)!.trim(), (spellings.get(valueOf(i)!.trim()) ?? 0) + 1);
    const value = [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    return { dimension, norm: key, value, rank: 0, items: list };
  });
};

/**
 * Title keywords: one cluster per keyword shared by `threshold` incidents or more. A keyword
 * found in more than half of the category's incidents (when the category has at least twice
 * the threshold) is broad ("printer" in Printing): its pairs with another keyword of the same
 * titles ("jam + printer") are clusters too, and when at least one pair reaches the threshold
 * the broad word alone is not suggested (it splits into narrower groups). A broad word with no
 * such pair stays alone: a burst of one topic ("vpn" in most Network incidents of the week).
 */
const byKeyword: Rule = (items, threshold) => {
  const words = new Map(items.map((i) => [i.id, keywords(i.title)]));
  const singles = groups(items, (i) => words.get(i.id)!, threshold);
  const broad = new Set(items.length >= 2 * threshold ? [...singles].filter(([, l]) => l.length > COMMON_SHARE * items.length).map(([w]) => w) : []);
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
 * clusters hold the same incidents. Assets: tickets do not link assets yet; once they do, an
 * asset dimension is one more entry here: byValue("asset", (i) => i.assetTag).
 */
const RULES: Rule[] = [byValue("location", (i) => i.location), byKeyword];

/**
 * Clusters of incidents: at least `threshold` incidents of one category sharing a location
 * or a significant title keyword (or a pair, see byKeyword). A cluster whose incidents are
 * all in a larger (or equal, preferred) cluster of the same category is left out: its
 * incidents are already suggested together. Deterministic: the same input gives the same
 * clusters in the same order (largest first).
 */
export function clusterIncidents(incidents: ClusterIncident[], threshold: number): Cluster[] {
  const byCategory = groups(incidents, (i) => [String(i.categoryId)], 1);
  const out: Cluster[] = [];
  for (const [category, items] of [...byCategory].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const categoryId = Number(category);
    if (items.length < threshold) continue;
    const candidates = RULES.flatMap((rule) => rule(items, threshold))
      .sort((a, b) => b.items.length - a.items.length || a.rank - b.rank || a.norm.localeCompare(b.norm));
    const kept: Set<number>[] = [];
    for (const c of candidates) {
      const ids = new Set(c.items.map((i) => i.id));
      if (kept.some((k) => [...ids].every((id) => k.has(id)))) continue;
      kept.push(ids);
      const sorted = [...c.items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
      out.push({
        key: `${categoryId}|${c.dimension}|${c.norm}`, categoryId, dimension: c.dimension, value: c.value.slice(0, 200),
        ticketIds: sorted.map((i) => i.id), firstAt: sorted[0].createdAt, lastAt: sorted[sorted.length - 1].createdAt,
      });
    }
  }
  return out;
}
