/**
 * The words of the knowledge-base search, the same for both databases: folded (lower case,
 * no accents: "Écran" = "ecran"), split on anything that is not a letter or a digit, the
 * little words of French and English dropped, a plural mark dropped, and each word matched
 * as a prefix, so "imprimantes" finds "imprimante" and "printi" (still typing) finds
 * "printing". Pure functions: no database here.
 */

/** Each non-ASCII character met so far, folded ("É" -> "e", a combining accent -> ""). */
const folded = new Map<string, string>();
const foldChar = (c: string): string => {
  let f = folded.get(c);
  if (f === undefined) {
    f = c.normalize("NFD").replace(/\p{M}+/gu, "");
    // the table stays small: the accented letters of the languages in use, not every character seen
    if (folded.size < 4096) folded.set(c, f);
  }
  return f;
};

const NON_ASCII = /[^\t\n\r -~]/;
const NON_ASCII_ALL = /[^\t\n\r -~]/g;

/**
 * Lower case without accents or other combining marks. Character by character, from a
 * table (normalising a whole article on every search result cost more than the search).
 */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  // ASCII letters, digits, punctuation and line breaks (most of a text) have nothing to take off
  return NON_ASCII.test(lower) ? lower.replace(NON_ASCII_ALL, foldChar) : lower;
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
  "sont suis etre fait peux peut marche bonjour merci svp tres depuis bien encore toujours aussi comme quand tout tous toute " +
  "rien moins deja apres avant alors donc car ici hier aujourd hui matin soir very still since again just also some any " +
  "anything something all after before then now today yesterday morning hello hi thanks thank"
).split(" "));

const MAX_TERMS = 8;

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

/** Runs of white space but the no-break spaces of French typography ("«\u00a0", "\u00a0?"). */
const SPACES = /[^\S\u00a0\u202f]+/g;
const WORD = /[\p{L}\p{N}]+/gu;
const escapeText = (s: string) => escapeHtml(s.replace(SPACES, " "));

/**
 * A short passage of the text around the first words that match, as HTML: the text
 * escaped, white space made single spaces, the matching words in <mark>. About `size`
 * characters, from a few words before the first match, cut at word edges, "…" where it
 * was cut. No match: the start of the text. The search cuts ten of them per request, from
 * bodies of hundreds of words: the text is folded once, and only a window around the
 * match is split into words.
 */
export function snippet(text: string, terms: string[], size = 180): string {
  let folded = fold(text);
  // folding kept every character in its place (accented Latin letters do): match on it;
  // else (a rare script, a decomposed accent) fold each word on its own
  const aligned = folded.length === text.length;
  if (!aligned) folded = "";
  const isHit = (word: string, at: number) => (aligned ? terms.some((t) => folded.startsWith(t, at)) : matcher(terms)(word));
  const at = aligned ? firstMatch(folded, terms) : 0;
  const from = at > size ? text.lastIndexOf(" ", at - size) + 1 : 0;
  const words: { at: number; end: number; hit: boolean }[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m && m.index < at + 3 * size; m = WORD.exec(text)) {
    words.push({ at: m.index, end: m.index + m[0].length, hit: isHit(m[0], m.index) });
  }
  if (!words.length) return escapeText(text.slice(0, size)).trim();
  const first = Math.max(words.findIndex((w) => w.hit), 0);
  // a few words before the first hit, so the reader sees what it is about
  let start = first;
  while (start > 0 && words[first].at - words[start - 1].at <= size / 4) start--;
  let end = start;
  while (end < words.length - 1 && words[end + 1].end - words[start].at <= size) end++;
  let out = "";
  for (let i = start; i <= end; i++) {
    const w = words[i];
    const word = escapeHtml(text.slice(w.at, w.end));
    out += (i > start ? escapeText(text.slice(words[i - 1].end, w.at)) : "") + (w.hit ? `<mark>${word}</mark>` : word);
  }
  const last = words[end].end;
  // the punctuation that closes the passage ("word." or "word »") belongs to it
  const tail = /^(?:[\u00a0\u202f]?[^\p{L}\p{N}\s])*/u.exec(text.slice(last, last + 6))![0];
  const before = words[start].at > 0;
  const after = last + tail.length < text.trimEnd().length;
  return `${before ? "… " : ""}${out}${escapeText(tail)}${after ? " …" : ""}`;
}

/**
 * Where the first word that starts with a term begins in the folded text; 0 when none
 * does. Terms are letters and digits only (searchTerms).
 */
const WORD_END = /[\p{L}\p{N}]$/u;

function firstMatch(folded: string, terms: string[]): number {
  let best = -1;
  for (const t of terms) {
    let i = folded.indexOf(t);
    // a term inside a word is no match: "vpn" is not in "anvpn"
    while (i > 0 && WORD_END.test(folded.slice(Math.max(0, i - 2), i))) i = folded.indexOf(t, i + 1);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return Math.max(best, 0);
}

/** The title with its matching words in <mark>, escaped. */
export function highlight(text: string, terms: string[]): string {
  const isHit = matcher(terms);
  return text.split(/([\p{L}\p{N}]+)/u).map((p, i) => (i % 2 === 1 && isHit(p) ? `<mark>${escapeHtml(p)}</mark>` : escapeHtml(p))).join("");
}
