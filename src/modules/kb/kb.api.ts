import { Router, type Request } from "express";
import { z } from "zod";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import { parse } from "../../platform/http/validate";
import { idParam } from "../admin/admin-page";
import { bodyOf, send } from "../api/api.routes";
import { articleCreateBody, articlePatchBody } from "./kb.schemas";
import { articleInputOf, articleJson, hitJson } from "./kb.api-shape";
import { readArticle } from "./queries/get-article";
import { createArticle, updateArticle } from "./commands/save-article";
import { searchArticles } from "./queries/search";
import { readableCategories } from "./queries/list-articles";

/**
 * `?q=&limit=`: a client is told when the limit is out of bounds (the pages' search box
 * quietly falls back to 10 instead); no words, no results.
 */
const searchQuery = z.object({
  q: z.string({ error: "validation.invalid" }).trim().max(200, "validation.too_long").default(""),
  limit: z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid").max(50, "validation.invalid").default(10),
});

const articleId = (req: Request) => idParam(req, "kb_article_not_found");

/**
 * The knowledge base in JSON API v1 (the same commands and the same search as the pages):
 * editors write articles (POST, PATCH); everyone reads what they may read (an employee
 * never an agent-only article or a draft: 404), searches it and lists the categories.
 */
export function kbApiRoutes(deps: Deps): Router {
  const r = Router();

  // the hot path (benchmarked): validate, one search, map; nothing else
  route(r, "get", "/kb/search", "user", async (req, res) => {
    const { q, limit } = parse(searchQuery, req.query);
    const hits = q ? await searchArticles(deps.db, req.actor!, q, { limit }) : [];
    send(res, 200, { items: hits.map(hitJson) });
  });

  route(r, "get", "/kb/categories", "user", async (req, res) => {
    const categories = await readableCategories(deps.db, req.actor!);
    send(res, 200, { items: categories.map((c) => ({ id: c.id, name: c.name, description: c.description })) });
  });

  route(r, "post", "/kb/articles", "kb-editor", async (req, res) => {
    const b = parse(articleCreateBody, bodyOf(req));
    const input = articleInputOf(b);
    const a = await createArticle(deps, req.actor!, { ...input, title: b.title, body: b.body, audience: b.audience, status: b.status });
    send(res, 201, await articleJson(deps.db, req.actor!, a));
  });

  route(r, "get", "/kb/articles/:id", "user", async (req, res) => {
    const a = await readArticle(deps.db, req.actor!, articleId(req));
    send(res, 200, await articleJson(deps.db, req.actor!, a));
  });

  route(r, "patch", "/kb/articles/:id", "kb-editor", async (req, res) => {
    const b = parse(articlePatchBody, bodyOf(req));
    const a = await updateArticle(deps, req.actor!, articleId(req), { ...articleInputOf(b), version: b.version });
    send(res, 200, await articleJson(deps.db, req.actor!, a));
  });
  return r;
}
