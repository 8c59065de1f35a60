import type { Actor } from "../../access/actor";
import { canKb, isKbEditor } from "../../access/policies/kb.policy";
import type { Translate } from "../../platform/i18n";
import { renderArticle } from "./markdown";
import type { KbArticle, KbAttachment, KbCategory, KbRevision } from "./kb.entity";
import type { KbHit } from "./queries/search";
import type { KbListRow } from "./queries/list-articles";
import type { KbArticleDetails } from "./queries/get-article";
import { restoredFrom, type KbRevisionRow } from "./queries/revisions";

/** Raster images show inside an article; anything else (SVG included: it can carry script) is a download. */
export const INLINE_IMAGE_TYPES: readonly string[] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

const tagList = (tags: string | null): string[] => (tags ? tags.split(",").filter(Boolean) : []);

/** A row of a list (category, status filter, popular, to review). */
export function articleRow(r: KbListRow) {
  return {
    id: r.id, title: r.title, summary: r.summary, status: r.status, agentsOnly: r.audience === "agents",
    views: r.views, reviewBy: r.reviewBy, updatedAt: r.updatedAt,
  };
}

/** A search result: title and passage already escaped with the matching words in <mark> (searchArticles). */
export function hitRow(h: KbHit) {
  return { id: h.id, titleHtml: h.titleHtml, snippet: h.snippet, status: h.status, agentsOnly: h.audience === "agents" };
}

/**
 * Where a file is served; its name in the path so a pasted link reads well (the id alone
 * decides). Parentheses are encoded too: a Markdown link would end at the first ")".
 */
function fileUrl(f: Pick<KbAttachment, "id" | "filename">): string {
  return `/kb/files/${f.id}/${encodeURIComponent(f.filename).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** What an editor pastes into the body: an image for a raster image, a link for any other file. */
function markdownOf(f: Pick<KbAttachment, "id" | "filename" | "mimeType">): string {
  const label = f.filename.replace(/[[\]\\]/g, "");
  return INLINE_IMAGE_TYPES.includes(f.mimeType) ? `![${label}](${fileUrl(f)})` : `[${label}](${fileUrl(f)})`;
}

function fileRow(f: KbAttachment) {
  return { id: f.id, name: f.filename, size: f.size, url: fileUrl(f), image: INLINE_IMAGE_TYPES.includes(f.mimeType), markdown: markdownOf(f) };
}

/** The article page: what everyone reads, the reader's own answer, and for the editors the facts and actions. */
export function articlePage(a: KbArticle, d: KbArticleDetails, actor: Actor) {
  const editor = isKbEditor(actor);
  return {
    article: {
      id: a.id, title: a.title, summary: a.summary, html: renderArticle(a.body), tags: tagList(a.tags), status: a.status,
      agentsOnly: a.audience === "agents", updatedAt: a.updatedAt, reviewBy: a.reviewBy, version: a.version,
      category: d.category && (d.category.active || editor) ? { id: d.category.id, name: d.category.name } : null,
    },
    files: d.files.map(fileRow),
    mine: d.mine,
    stats: d.editor ? { ...d.editor, views: a.views, yes: a.helpfulYes, no: a.helpfulNo } : null,
    can: {
      feedback: canKb(actor, "feedback", a),
      edit: editor,
      publish: editor && a.status !== "published",
      archive: editor && a.status !== "archived",
      unpublish: editor && a.status === "published",
    },
  };
}

/** The editor's form, every field a string as typed (or as stored). */
export interface ArticleFormValues {
  title: string;
  summary: string;
  body: string;
  category: string;
  tags: string;
  audience: string;
  status: string;
  reviewBy: string;
  version: string;
}

const FORM_FIELDS = ["title", "summary", "body", "category", "tags", "audience", "status", "reviewBy", "version"] as const;

export function formOfArticle(a: KbArticle | null): ArticleFormValues {
  if (!a) return { title: "", summary: "", body: "", category: "", tags: "", audience: "everyone", status: "draft", reviewBy: "", version: "" };
  return {
    title: a.title, summary: a.summary ?? "", body: a.body, category: a.categoryId ? String(a.categoryId) : "", tags: tagList(a.tags).join(", "),
    audience: a.audience, status: a.status, reviewBy: a.reviewBy ?? "", version: String(a.version),
  };
}

export function formOfBody(body: Record<string, unknown>): ArticleFormValues {
  return Object.fromEntries(FORM_FIELDS.map((k) => [k, typeof body[k] === "string" ? body[k] : ""])) as unknown as ArticleFormValues;
}

/** The category picker: the active ones, and the article's own even if withdrawn since (so saving does not move it). */
export function categoryOptions(all: KbCategory[], current: string) {
  return all.filter((c) => c.active || String(c.id) === current).map((c) => ({ id: c.id, name: c.name, active: c.active }));
}

/** The editor page's side facts: where the article came from, its files. */
export function editorContext(a: KbArticle | null, d: KbArticleDetails | null) {
  return {
    articleId: a?.id ?? null,
    sourceTicket: d?.editor?.sourceTicket ?? null,
    problem: d?.editor?.problem ?? null,
    files: d ? d.files.map(fileRow) : [],
  };
}

/** "Title, body" in the reader's language; the first save says "created". */
function changedLabels(changed: string[], t: Translate): string {
  if (changed.includes("created")) return t("kb.revisions.created");
  return changed.map((f) => t(`kb.fields.${f}`)).join(", ");
}

export function revisionRow(r: KbRevisionRow, t: Translate) {
  const from = restoredFrom(r.note);
  return {
    number: r.number, actor: r.actor ?? t("kb.revisions.someone"), at: r.at, changed: changedLabels(r.changed, t),
    note: from ? t("kb.revisions.restored_from", { n: from }) : r.note,
  };
}

/** One revision as it read then (sanitised like the article). */
export function revisionPage(r: KbRevision, categoryName: string | null, t: Translate) {
  return {
    number: r.number, title: r.title, summary: r.summary, html: renderArticle(r.body), tags: tagList(r.tags), category: categoryName,
    audience: t(`kb.audience.${r.audience}`), status: r.status, reviewBy: r.reviewBy, at: r.createdAt,
    changed: changedLabels(r.changed ? r.changed.split(",") : [], t),
  };
}
