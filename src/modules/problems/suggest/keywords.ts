/**
 * The significant words of an incident title, for clustering: the same word whatever its
 * case, accents or plural ("Imprimantes" and "imprimante" -> "imprimante"), without the
 * short words, the numbers and the stop words of English and French (grammar words and
 * the filler every ticket has: "problem", "urgent", "since this morning", "ne fonctionne plus").
 */

const STOP_EN = `the and for but not nor are was were been being has have had does did doesn doesnt don dont didn didnt isn isnt aren
arent wasn can cannot cant could would should will won wont with without from into onto this that these those there here
when where what which who whom why how all any some every each our ours your yours their them they its his her she him
you off out over under again still very just also too more most since after before about then than only same other
new now today yesterday morning afternoon evening tonight week anymore get got gets getting keep keeps say says said one two
please help need needed needs urgent asap issue issues problem problems error errors work works working worked able unable
ticket thing things something anything nothing someone everyone whole hour hours minute minutes day days time times
sometimes always never via per using use used keeps seems seem like want wants trying tried try hello thanks thank`;

const STOP_FR = `les des une est pas plus que qui quoi dans sur sous avec sans pour par aux ces cet cette mon mes ton tes son ses notre
nos votre vos leur leurs elle elles ils nous vous moi toi lui eux mais donc car comme tres tout tous toute toutes depuis
encore toujours deja apres avant aussi ete etre avoir fait faire peut peux plus rien quand chez vers entre meme autre
autres marche marchent fonctionne fonctionnent fonctionnement probleme problemes erreur erreurs urgent urgente aide
besoin merci bonjour matin aujourd hui hier soir semaine impossible nouveau nouvelle nouvel jour jours heure heures
fois quelque quelques chose personne arrive arrivent arriver veux voudrais pourriez pouvez svp plait marcher souci
soucis bug bugs depuis cela ceci celui celle sont suis etes avons avez ont sera serait mais non oui alors ainsi lors`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${STOP_EN} ${STOP_FR}`.split(/\s+/).filter(Boolean));

/** Lowercase, without accents ("Réseau" -> "reseau"). */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/**
 * A plural's singular, crudely but the same way every time: "printers" -> "printer",
 * "crashes" -> "crash", not "access" or "status".
 */
function singular(w: string): string {
  if (w.length >= 5 && /(sh|ch|x|z|ss)es$/.test(w)) return w.slice(0, -2);
  return w.length >= 4 && w.endsWith("s") && !/(ss|us|is)$/.test(w) ? w.slice(0, -1) : w;
}

/** "wi-fi" and "e-mail" are one word (a part too short to count alone); "docking-station" is two. */
const hyphenated = (w: string) => {
  const parts = w.split("-");
  return parts.some((x) => x.length < 3) ? parts.join("") : parts.join(" ");
};

/**
 * The title's keywords, each once, in order of appearance: words of 3 letters or more,
 * not all digits, not stop words.
 */
export function keywords(title: string): string[] {
  const words = fold(title).replace(/[a-z0-9]+(?:-[a-z0-9]+)+/g, hyphenated).split(/[^a-z0-9]+/);
  const out: string[] = [];
  for (const raw of words) {
    if (raw.length < 3 || /^\d+$/.test(raw) || STOP_WORDS.has(raw)) continue;
    const w = singular(raw);
    if (!STOP_WORDS.has(w) && !out.includes(w)) out.push(w);
  }
  return out;
}
