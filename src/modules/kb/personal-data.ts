/**
 * Removing a requester's personal data from text that becomes a knowledge-base article
 * (an article written from their ticket is read by many people, for years). Pure: the
 * caller gives the text, what is known of the person and the placeholders in the
 * article's language.
 */

export interface PersonalData {
  displayName?: string | null;
  username?: string | null;
  email?: string | null;
  /** Their phone numbers (profile, call-back number). */
  phones?: (string | null | undefined)[];
}

/** What stands where something was removed, in the article's language ("[requester]", "[demandeur]"). */
export interface Placeholders {
  requester: string;
  email: string;
  phone: string;
}

/**
 * Stand-ins while scrubbing, swapped for the placeholders at the end: a placeholder is
 * never scrubbed again (a username "mail" would otherwise eat the "mail" of "[e-mail]").
 * Private-use characters, neither letters nor digits, so word edges stay where they were.
 */
const REQUESTER = "\uE000";
const EMAIL = "\uE001";
const PHONE = "\uE002";
const STAND_INS = /[\uE000-\uE002]/g;

const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * A phone-looking run: an optional "+", then digits in groups split by single spaces,
 * dots, dashes or brackets, not glued to a word (a serial "SN0612345678", a path
 * "/v1/12345678", a ticket "INC-000123" stay).
 */
const PHONE_RE = /(?<![\p{L}\p{N}_+./-])\+?\(?\d(?:[ \u00a0.()-]{1,2}\(?\d|\d){6,18}(?![\p{L}\p{N}_]|[.-]\d)/gu;

/**
 * Whether a candidate run is a phone number rather than a date, an IP address, a version
 * or a plain number: 9 to 15 digits (E.164 stops at 15; a national number has 9 or more);
 * without separators it must start like a dialled number (0, +).
 */
function looksLikePhone(run: string): boolean {
  const digits = run.replace(/\D/g, "");
  if (digits.length < 9 || digits.length > 15) return false;
  if (/^\d+$/.test(run)) return run.startsWith("0");
  // a date, maybe with its hour ("2026-11-23 14", "23.11.2026 10")
  if (/^(?:\d{4}[-.]\d{2}[-.]\d{2}|\d{2}[-.]\d{2}[-.]\d{4})(?!\d)/.test(run)) return false;
  // an IPv4 address, a version or a build ("10.0.19045.3570"): dotted, four groups or a group longer than a phone's
  if (/^[\d.]+$/.test(run) && (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(run) || run.split(".").some((g) => g.length > 4))) return false;
  return true;
}

/**
 * Lower case, no accents, letter by letter, with where each folded letter came from.
 * Positions are kept per UTF-16 unit, as regular-expression match indexes count them:
 * an emoji is one character but two units.
 */
function fold(text: string): { folded: string; start: number[]; end: number[] } {
  let folded = "";
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize("NFD").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
    for (const c of f) {
      folded += c;
      for (let k = 0; k < c.length; k++) {
        start.push(i);
        end.push(i + ch.length);
      }
    }
    i += ch.length;
  }
  return { folded, start, end };
}

/** The little words of names ("Anne de Villiers", "Ludwig van Beethoven"): words of every sentence too, so never removed alone. */
const PARTICLES = new Set(["de", "du", "des", "la", "le", "les", "d", "l", "van", "von", "der", "den", "ter", "da", "di", "del", "della", "dos", "das", "do", "y", "e", "bin", "ben", "al", "el", "st", "saint", "sainte", "mc", "mac"]);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replace whole-word occurrences of `words` (accents and case ignored) by `by`. The
 * words' own spaces and hyphens match any run of spaces or hyphens ("Jean-Pierre" is
 * "jean pierre" too).
 */
function replaceWords(text: string, words: string[], by: string): string {
  const pattern = words
    .map((w) => fold(w.trim()).folded)
    .filter((w) => w.length >= 2)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.split(/[\s-]+/).map(escapeRe).join("[\\s-]+"));
  if (!pattern.length) return text;
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${pattern.join("|")})(?![\\p{L}\\p{N}_])`, "gu");
  const { folded, start, end } = fold(text);
  let out = "";
  let last = 0;
  for (const m of folded.matchAll(re)) {
    const from = start[m.index];
    out += text.slice(last, from) + by;
    last = end[m.index + m[0].length - 1];
  }
  return out + text.slice(last);
}

/** A person's own number written any way ("06 12 34 56 78", "06.12.34.56.78"), digits apart. */
function replaceOwnPhones(text: string, phones: string[]): string {
  let out = text;
  for (const p of phones) {
    const digits = p.replace(/\D/g, "");
    if (digits.length < 4) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])\\+?${[...digits].join("[ \\u00a0.()-]{0,2}")}(?![\\p{L}\\p{N}_])`, "gu");
    out = out.replace(re, PHONE);
  }
  return out;
}

/**
 * The text without the person: every email address and phone-looking number (anyone's:
 * a ticket quotes colleagues too), then the person's own numbers, their full name, their
 * username and each part of their name, as whole words, accents and case ignored
 * ("Élodie" is "elodie"; "Anne" leaves "Annecy" alone). Each is replaced by its
 * placeholder; a stand-in character already in the text is dropped (it would become one).
 */
export function scrubPersonalData(text: string, person: PersonalData, placeholders: Placeholders): string {
  let out = text.normalize("NFC").replace(STAND_INS, "").replace(EMAIL_RE, EMAIL);
  out = replaceOwnPhones(out, (person.phones ?? []).filter((p): p is string => !!p));
  out = out.replace(PHONE_RE, (run) => (looksLikePhone(run) ? PHONE : run));
  const name = (person.displayName ?? "").trim();
  // "Jean-Pierre Léger": "Jean-Pierre", "Léger", "Jean", "Pierre"
  const parts = [...name.split(/\s+/), ...name.split(/[\s-]+/)].filter((p) => p && p !== name && !PARTICLES.has(fold(p).folded));
  const words = [name, ...(person.username ? [person.username] : []), ...parts];
  out = replaceWords(out, words, REQUESTER);
  const by: Record<string, string> = { [REQUESTER]: placeholders.requester, [EMAIL]: placeholders.email, [PHONE]: placeholders.phone };
  return out.replace(STAND_INS, (c) => by[c]);
}
