import type { Actor } from "../../access/actor";
import type { ManualClock } from "../../platform/clock";
import type { Deps } from "../../platform/deps";
import { createProblem, publishWorkaround } from "../problems/commands/problem-commands";
import { Problem } from "../problems/problem.entity";
import { createKbCategory } from "./commands/categories";
import { publishKnownError } from "./commands/publish-known-error";
import { createArticle, updateArticle } from "./commands/save-article";
import { KbArticle, KbCategory } from "./kb.entity";
import { KB_DEMO_ARTICLES, KB_DEMO_CATEGORIES, KB_DEMO_PROBLEM, type DemoCategory } from "./demo-kb-data";

const DAY = 24 * 3600_000;

/** The demo's categories, by key: each made once (a category of that name, whatever its case, is reused). */
async function ensureCategories(deps: Deps, editor: Actor): Promise<Map<DemoCategory["key"], number>> {
  const existing = await deps.db.getRepository(KbCategory).find();
  const ids = new Map<DemoCategory["key"], number>();
  for (const [i, c] of KB_DEMO_CATEGORIES.entries()) {
    const found = existing.find((e) => e.name.toLowerCase() === c.name.toLowerCase());
    ids.set(c.key, found?.id ?? (await createKbCategory(deps, editor, { name: c.name, description: c.description, position: i + 1 })).id);
  }
  return ids;
}

/**
 * The problem the demo knows (a workaround published) and its known-error article,
 * filed under Known errors: the same commands an N2 technician's clicks run.
 */
async function knownError(deps: Deps, author: Actor, categoryId: number): Promise<void> {
  if (await deps.db.getRepository(Problem).existsBy({ title: KB_DEMO_PROBLEM.title })) return;
  const p = await createProblem(deps, author, { title: KB_DEMO_PROBLEM.title, description: KB_DEMO_PROBLEM.description, priority: 2 });
  await publishWorkaround(deps, author, p.id, { text: KB_DEMO_PROBLEM.workaround, notifyRequesters: false });
  const { article } = await publishKnownError(deps, author, p.id, "everyone");
  await updateArticle(deps, author, article.id, { categoryId, version: article.version });
}

/**
 * The demo's knowledge base, written by the demo technicians on the days the data says
 * (the clock moved back for each, then brought back to `now`): categories, about fifteen
 * articles in French or English (one for agents only, one draft) and a known error. An
 * article whose title exists is left alone, so a second run adds nothing.
 */
export async function loadKbDemo(deps: Deps & { clock: ManualClock }, actors: Map<string, Actor>, now: number): Promise<{ categories: number; articles: number }> {
  const actor = (username: string) => {
    const a = actors.get(username);
    if (!a) throw new Error(`Demo knowledge base: no demo account ${username}.`);
    return a;
  };
  try {
    deps.clock.set(new Date(now - 90 * DAY));
    const categories = await ensureCategories(deps, actor("isabelle.mercier"));
    const titles = new Set((await deps.db.getRepository(KbArticle).find({ select: { title: true } })).map((a) => a.title));
    for (const a of KB_DEMO_ARTICLES) {
      if (titles.has(a.title)) continue;
      deps.clock.set(new Date(now - a.daysAgo * DAY));
      await createArticle(deps, actor(a.author), {
        title: a.title, summary: a.summary, body: a.body, categoryId: categories.get(a.category), tags: a.tags, audience: a.audience, status: a.status,
      });
    }
    deps.clock.set(new Date(now - KB_DEMO_PROBLEM.daysAgo * DAY));
    await knownError(deps, actor(KB_DEMO_PROBLEM.author), categories.get("known")!);
  } finally {
    deps.clock.set(new Date(now));
  }
  const [categoryCount, articles] = await Promise.all([deps.db.getRepository(KbCategory).count(), deps.db.getRepository(KbArticle).count()]);
  return { categories: categoryCount, articles };
}
