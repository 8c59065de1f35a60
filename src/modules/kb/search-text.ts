/**
 * The words of the knowledge-base search, the same for both databases: folded (lower case,
 * no accents: "Écran" = "ecran"), split on anything that is not a letter or a digit, the
 * little words of French and English dropped, a plural mark dropped, and each word matched
 * as a prefix, so "imprimantes" finds "imprimante" and "printi" (still typing) finds
 * "printing". Pure functions: no database here.
 */

/** Lower case without accents or other combining marks. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** The folded words of a text, separated by single spaces (what both indexes are given). */
export function indexWords(s: string | null | undefined): string {
  return s ? fold(s).replace(/[^\p{L}\p{N}]+/gu, " ").trim() : "";
}

// the words that say nothing of the problem ("my printer does not print" = "printer print")
const STOP = new Set((
  "a an and are as at be but by can cannot could did do does doesn dont for from has have how i if in into is isn it its me my no not " +
  "of on or our please so that the their there this to too was we what when where which who why will with won would you your " +
  "au aux avec ce ces cet cette dans de des du elle en est et il ils je la le les leur lui ma mais me mes moi mon ne nos notre " +
  "nous on ou par pas plus pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous y ai as avez avons ca " +
  "sont suis etre fait peux peut marche bonjour merci svp"
).split(" "));

export const MAX_TERMS = 8;

/**
 * The terms to look for: unique, at most MAX_TERMS, each at least two characters, the
 * little words left out (unless nothing else was typed), a final plural "s" or "x" dropped
 * from words of five letters or more ("ecrans" -> "ecran", "windows" -> "window"; "vpns",
 * "class" kept): each term is a prefix, so the singular still finds the plural.
 */
export function searchTerms(q: string): string[] {
  const words = indexWords(q).split(" ").filter((w) => w.length >= 2);
  const useful = words.filter((w) => !STOP.has(w));
  const terms = (useful.length ? useful : words).map((w) => (w.length >= 5 && /[^s][sx]$/.test(w) ? w.slice(0, -1) : w));
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A word of the text matches a term when its folded form starts with the term. */
function matcher(terms: string[]): (word: string) => boolean {
  return (word) => {
    const w = fold(word);
    return terms.some((t) => w.startsWith(t));
  };
}

/**
 * A short passage of the text around the first words that match, as HTML: the text
 * escaped, the matching words in <mark>. About `size` characters, cut at word edges, "…"
 * where it was cut. No match: the start of the text.
 */
export function snippet(text: string, terms: string[], size = 180): string {
  const parts = text.replace(/\s+/g, " ").trim().split(/([\p{L}\p{N}]+)/u);
  const isHit = matcher(terms);
  // parts alternate: separator, word, separator, word ... (odd indexes are words)
  let first = parts.findIndex((p, i) => i % 2 === 1 && isHit(p));
  if (first < 0) first = 1;
  let start = first;
  let length = 0;
  // start a few words before the first hit, so the reader sees what it is about
  while (start > 1 && length < size / 4) { start -= 2; length += parts[start].length + parts[start + 1].length; }
  let end = start;
  length = 0;
  while (end < parts.length && length < size) { length += parts[end].length; end++; }
  const out = parts.slice(start, end).map((p, i) => ((start + i) % 2 === 1 && isHit(p) ? `<mark>${escapeHtml(p)}</mark>` : escapeHtml(p))).join("");
  return `${start > 1 ? "… " : ""}${out.trim()}${end < parts.length - 1 ? " …" : ""}`;
}

/** The title with its matching words in <mark>, escaped. */
export function highlight(text: string, terms: string[]): string {
  const isHit = matcher(terms);
  return text.split(/([\p{L}\p{N}]+)/u).map((p, i) => (i % 2 === 1 && isHit(p) ? `<mark>${escapeHtml(p)}</mark>` : escapeHtml(p))).join("");
}
