/**
 * "Does this new ticket look like an open major incident?" — a plain rule people can
 * predict, not a search engine:
 *   1. words are compared without case or accents ("Messagerie" = "messagerie", "réseau" = "reseau");
 *   2. a word is a run of letters and digits (a hyphen inside joins: "e-mail" = "email");
 *      words shorter than 3 characters, the common words of English and French and the
 *      words every complaint uses ("problem", "cannot", "marche", "plus"...) are left out;
 *   3. a final "s" or "x" of a word of 5 characters or more is dropped ("emails" = "email");
 *   4. a title matches when it shares at least 2 of these significant words with the title
 *      employees see of the major incident (its public title, else its title), or 1 when that
 *      title has at most 2 of them ("Email unavailable", "VPN down": the one word shared is the
 *      service itself). Once a public title is set, the internal title is never compared:
 *      nobody learns the desk's wording by trying titles on the new-ticket form.
 * The best candidate (most words shared, then the first given) is proposed. A wrong
 * proposal costs one click ("No, create my ticket"); a missed one costs a duplicate to triage.
 */
const STOP_WORDS = new Set([
  // English
  "the", "and", "for", "with", "from", "this", "that", "not", "are", "was", "has", "have", "had", "but", "you", "your",
  "our", "all", "any", "can", "cannot", "cant", "does", "doesn", "dont", "don", "won", "isn", "when", "since", "again",
  "still", "anymore", "some", "more", "very", "too", "into", "out", "off", "get", "got", "its", "their", "there",
  "what", "why", "how", "who", "which", "will", "would", "could", "should", "just", "also", "been", "being", "able",
  "today", "now", "please", "help", "need", "needs", "issue", "issues", "problem", "problems", "error", "errors",
  "working", "work", "works", "broken", "down", "unable", "urgent", "asap",
  // French
  "les", "des", "une", "est", "pas", "plus", "que", "qui", "pour", "par", "sur", "dans", "avec", "sans", "mon", "mes",
  "ton", "son", "ses", "nos", "vos", "leur", "leurs", "elle", "ils", "elles", "nous", "vous", "mais", "donc",
  "car", "tres", "trop", "depuis", "encore", "toujours", "aujourd", "hui", "fait", "peux", "peut", "veut", "etre",
  "avoir", "suis", "sont", "ont", "aux", "cette", "ces", "cet", "quand", "comment", "pourquoi", "rien", "tout", "tous",
  "marche", "fonctionne", "panne", "probleme", "problemes", "erreur", "erreurs", "souci", "soucis", "aide", "besoin",
  "impossible", "merci", "svp", "bonjour",
  // what the desk says of every outage ("nous y travaillons", as "working" above)
  "travail", "travaille", "travaillons", "travaillent", "travailler",
]);

/** The significant words of a text, normalised (see the rule above). */
export function significantWords(text: string): Set<string> {
  // "e-mail" and "wi-fi" are one word, as "email" and "wifi"
  const plain = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/([a-z0-9])-(?=[a-z0-9])/g, "$1");
  const out = new Set<string>();
  for (const raw of plain.split(/[^a-z0-9]+/)) {
    if (raw.length < 3 || STOP_WORDS.has(raw)) continue;
    const word = raw.length >= 5 && /[sx]$/.test(raw) ? raw.slice(0, -1) : raw;
    if (!STOP_WORDS.has(word)) out.add(word);
  }
  return out;
}

/** What the matcher reads of a major incident: its two titles. */
export interface MajorTitles {
  title: string;
  publicTitle: string | null;
}

/** How many significant words a title shares with the major incident's, if that is enough to match; else 0. */
function score(words: Set<string>, m: MajorTitles): number {
  // rule 4: the title employees see (rules.ts shownTitle), never the internal one behind a public title
  const theirs = significantWords(m.publicTitle ?? m.title);
  let shared = 0;
  for (const w of theirs) if (words.has(w)) shared++;
  return shared >= 2 || (shared === 1 && theirs.size <= 2) ? shared : 0;
}

/** The major incident a new ticket's title looks like, or null. */
export function matchMajorIncident<T extends MajorTitles>(title: string, majors: T[]): T | null {
  const words = significantWords(title);
  if (!words.size) return null;
  let found: { major: T; score: number } | null = null;
  for (const m of majors) {
    const s = score(words, m);
    if (s > 0 && (!found || s > found.score)) found = { major: m, score: s };
  }
  return found?.major ?? null;
}
