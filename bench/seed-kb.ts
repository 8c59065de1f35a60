import type { DataSource } from "typeorm";
import { KbArticle, KbCategory } from "../src/modules/kb/kb.entity";
import { articleText } from "../src/modules/kb/markdown";
import { indexArticle } from "../src/modules/kb/search-index";
import { prng, type Rng } from "./prng";
import { EN, FR, type Lang, type Topic } from "./seed-kb-words";

/** Articles the bench searches (the figure), whatever the number of tickets. */
export const KB_ARTICLES = 10_000;
const BATCH = 200;
const DAY = 24 * 3600_000;
const CATEGORIES = ["Impression", "Comptes et mots de passe", "Réseau et VPN", "Poste de travail", "Erreurs connues"];

/** 150 to 400 words of Markdown on one topic: symptoms, a cause, numbered steps, something more. */
function body(rng: Rng, l: Lang, t: Topic, subject: string, symptom: string): string {
  const target = rng.int(150, 400);
  const step = () => `${rng.pick(l.verbs)} ${rng.pick(t.objects)}.`;
  const parts = [
    `## ${l.headings.symptoms}`, "", rng.pick(l.intro)(subject, symptom), "",
    `## ${l.headings.cause}`, "", rng.pick(t.causes), "",
    `## ${l.headings.steps}`, "", ...Array.from({ length: rng.int(3, 6) }, (_, i) => `${i + 1}. ${step()}`), "",
    `## ${l.headings.more}`, "",
  ];
  let words = parts.join(" ").split(/\s+/).length;
  const more: string[] = [];
  while (words < target) {
    const s = rng.weighted([[() => rng.pick(l.filler), 5], [() => rng.pick(t.notes), 2], [() => rng.pick(t.causes), 1], [step, 2]] as const)();
    more.push(s);
    words += s.split(/\s+/).length;
  }
  return [...parts, more.join(" "), ""].join("\n");
}

/** "l’imprimante" -> "imprimante", "the VPN client" -> "vpn-client" */
function tagsOf(subject: string): string {
  return subject.replace(/^(l’|le |la |les |the |your )/i, "").toLowerCase().replace(/[\s’']+/g, "-");
}

/**
 * The bench's knowledge base: five categories and `count` articles (two in three in
 * French, as a French company with English-speaking staff would have; one in six for
 * agents only, a few drafts and archived ones), inserted in one transaction and indexed
 * by the app's own indexArticle, so the search reads the same index as in production.
 * Deterministic for a seed.
 */
export async function seedKb(db: DataSource, o: { seed: number; now: number; count: number; authors: number[] }): Promise<{ articles: number; agentsOnly: number }> {
  const rng = prng(o.seed ^ 0x6b62);
  let agentsOnly = 0;
  await db.transaction(async (tx) => {
    const categories = await tx.save(tx.create(KbCategory, CATEGORIES.map((name, i) => ({ name, description: null, position: i + 1, active: true }))));
    for (let from = 1; from <= o.count; from += BATCH) {
      const rows: Partial<KbArticle>[] = [];
      for (let id = from; id < Math.min(from + BATCH, o.count + 1); id++) {
        const l = rng.chance(0.65) ? FR : EN;
        const topic = rng.pick(l.topics);
        const subject = rng.pick(topic.subjects);
        const symptom = rng.pick(topic.symptoms);
        const md = body(rng, l, topic, subject, symptom);
        const status = rng.weighted([["published", 96], ["draft", 3], ["archived", 1]] as const);
        const audience = rng.chance(1 / 6) ? "agents" : "everyone";
        if (audience === "agents") agentsOnly++;
        const created = new Date(o.now - rng.int(1, 730) * DAY);
        const title = rng.pick(l.titles)(subject, symptom);
        rows.push({
          id, title: title.slice(0, 200), summary: rng.chance(0.7) ? rng.pick(l.summaries)(subject) : null, body: md, bodyText: articleText(md),
          categoryId: rng.pick(categories).id, tags: tagsOf(subject), audience, status, authorId: rng.pick(o.authors), reviewerId: null,
          reviewBy: null, problemId: null, sourceTicketId: null, views: rng.int(0, 500), helpfulYes: rng.int(0, 40), helpfulNo: rng.int(0, 10),
          version: 1, createdAt: created, updatedAt: created, publishedAt: status === "draft" ? null : created,
        });
      }
      await tx.insert(KbArticle, rows);
      for (const a of rows) await indexArticle(tx, a as KbArticle);
    }
    if (db.options.type === "postgres") {
      // the ids were given: move the sequence past them
      await tx.query("SELECT setval(pg_get_serial_sequence('kb_articles', 'id'), GREATEST((SELECT MAX(id) FROM kb_articles), 1))");
    }
  });
  return { articles: o.count, agentsOnly };
}
