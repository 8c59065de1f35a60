import type { Actor } from "../../access/actor";
import { canProblem } from "../../access/policies/problem.policy";
import type { Translate } from "../../platform/i18n";
import { formatNumber } from "../tickets/ticket.types";
import { formatProblemNumber, type ProblemHistory } from "./problem.entity";
import type { SuggestionsPage } from "./queries/suggestions";
import { kbArticleUrl, type KnownErrorArticle } from "../kb";

export interface TimelineEntry {
  at: Date;
  who: string | null;
  text: string;
  /** The whole new text of a long field (description, root cause ...), shown folded. */
  details: string | null;
}

const LONG_FIELDS = ["description", "symptoms", "rootCause", "impact", "permanentFix"];

/** A problem's history, worded: "Status: New → Investigating", "Root cause changed", "Owner: — → Hugo Lambert". */
export function presentProblemTimeline(history: ProblemHistory[], actors: Map<number, string>, t: Translate): TimelineEntry[] {
  const status = (v: string | null) => (v ? t(`problems.status.${v}`) : "—");
  // every entry reads as a sentence, whatever its kind's wording starts with
  return history.map((h) => entry(h)).map((e) => ({ ...e, text: e.text.charAt(0).toUpperCase() + e.text.slice(1) }));
  function entry(h: ProblemHistory): TimelineEntry {
    const base = { at: h.createdAt, who: h.actorId ? actors.get(h.actorId) ?? null : null, details: null as string | null };
    if (h.kind === "field") {
      const field = t(`problems.fields.${h.field ?? "unknown"}`);
      if (LONG_FIELDS.includes(h.field ?? "")) {
        return { ...base, text: t(h.toValue ? "problems.kinds.field_long" : "problems.kinds.field_cleared", { field }), details: h.note };
      }
      return { ...base, text: t("problems.kinds.field", { field, from: h.fromValue ?? "—", to: h.toValue ?? "—" }) };
    }
    if (h.kind === "created") return { ...base, text: t(h.note?.startsWith("suggestion:") ? "problems.kinds.created_suggested" : "problems.kinds.created") };
    if (h.kind === "status") return { ...base, text: t("problems.kinds.status", { from: status(h.fromValue), to: status(h.toValue) }), details: h.note };
    if (h.kind === "workaround") return { ...base, text: t("problems.kinds.workaround"), details: h.note };
    return { ...base, text: t(`problems.kinds.${h.kind}`, { from: h.fromValue ?? "—", to: h.toValue ?? "—" }) };
  }
}

/** The Suggested problems page: plain rows, each with what the viewer may do with it. */
export function presentSuggestions(page: SuggestionsPage, categories: { id: number; name: string }[], actor: Actor) {
  const category = (id: number) => categories.find((c) => c.id === id)?.name ?? "—";
  const mayCreate = canProblem(actor, "create") && canProblem(actor, "link");
  return {
    rows: page.rows.map(({ suggestion: s, incidents }) => ({
      id: s.id, category: category(s.categoryId), dimension: s.dimension, value: s.value, count: s.count,
      firstAt: s.firstIncidentAt, lastAt: s.lastIncidentAt, refreshedAt: s.refreshedAt,
      // posted back by "create and link": the version of the cluster the page shows
      seen: s.refreshedAt.getTime(),
      incidents: incidents.map((i) => ({
        number: formatNumber(i.type, i.id), title: i.title, status: i.status, createdAt: i.createdAt,
        location: i.location, department: i.department, linkedTo: i.problemId ? formatProblemNumber(i.problemId) : null,
      })),
      can: { create: mayCreate, dismiss: canProblem(actor, "create") },
    })),
    next: page.next,
    dismissed: page.dismissed.map(({ suggestion: s, by }) => ({
      category: category(s.categoryId), dimension: s.dimension, value: s.value, count: s.count, at: s.dismissedAt, by,
    })),
  };
}

/**
 * The knowledge-base box of a problem's page: its known-error article if it has one (a
 * link, and when it was last published), and whether this reader may publish it (again).
 */
export function presentKnownError(article: KnownErrorArticle | null, canPublish: boolean) {
  return {
    article: article ? { url: kbArticleUrl(article.id), title: article.title, status: article.status, audience: article.audience, published: article.status === "published", at: article.updatedAt } : null,
    canPublish,
  };
}
