import type { Translate } from "../../platform/i18n";
import { formatDay as formatCalendarDay } from "../../platform/http/format";
import type { PolicyView } from "../sla/policies";
import { durationParts } from "../sla/sla.presenter";
import type { CatalogCategory, CatalogItem, RequestAnswer } from "./catalog.entity";
import { CATALOG_ICONS } from "./catalog.schemas";

/** "12 Dec 2026" / "12 déc. 2026" (platform/http/format.ts). */
export const formatDay = (ymd: string, locale: string): string => formatCalendarDay(ymd, locale === "fr" ? "fr" : "en");

/**
 * What a person reads of an answer: Yes/No, a date in their language, a number with their
 * decimal mark, a person's name, "PC-00123 — ThinkPad"; "—" when left empty.
 */
export function formatAnswer(a: RequestAnswer, t: Translate, locale: string): string {
  if (a.type === "boolean") return t(a.value === true ? "catalog.answers.yes" : "catalog.answers.no");
  if (a.value === null || a.value === "") return "—";
  if (a.display) return a.display;
  if (a.type === "date" && typeof a.value === "string") return formatDay(a.value, locale);
  if (a.type === "number" && typeof a.value === "number") return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 10 }).format(a.value);
  return String(a.value);
}

/**
 * The ticket's description: "Label: value" a line, in plain text (dates as YYYY-MM-DD,
 * which every reader and every export understands). Unanswered optional fields are left out.
 * A label that is a question or ends with a colon is followed by its answer alone ("What for? Editing").
 */
export function answersSummary(answers: RequestAnswer[], t: Translate): string {
  return answers
    .filter((a) => a.type === "boolean" || (a.value !== null && a.value !== ""))
    .map((a) => {
      const v = a.type === "boolean" ? t(a.value === true ? "catalog.answers.yes" : "catalog.answers.no") : a.display ?? String(a.value);
      return /[?:]$/.test(a.label) ? `${a.label} ${v}` : t("catalog.answers.line", { label: a.label, value: v });
    })
    .join("\n");
}

export const iconOf = (item: Pick<CatalogItem, "icon">): string => ((CATALOG_ICONS as readonly string[]).includes(item.icon) ? item.icon : "box");

/** An item as the portal shows it (a card, and the head of its form). */
export function itemCard(item: CatalogItem) {
  return { id: item.id, name: item.name, description: item.description, icon: iconOf(item) };
}

/** The admin list: each category (with its items) then the items of no category. */
export function adminShelves(categories: CatalogCategory[], items: CatalogItem[], groupNames: Map<number, string>) {
  const row = (i: CatalogItem) => ({
    id: i.id, name: i.name, icon: iconOf(i), active: i.active, fields: i.fields.length, tasks: i.tasks.length, approval: i.approval,
    group: i.groupId ? groupNames.get(i.groupId) ?? "—" : "—",
  });
  return {
    categories: categories.map((c) => ({ id: c.id, name: c.name, description: c.description ?? "", position: c.position, active: c.active, items: items.filter((i) => i.categoryId === c.id).map(row) })),
    uncategorised: items.filter((i) => i.categoryId === null || !categories.some((c) => c.id === i.categoryId)).map(row),
  };
}

/** The SLA override select: "Service level: standard" then "P1 (1 h / 4 h)" from the SLA policies in force. */
export function slaOptions(policies: Map<number, PolicyView>, t: Translate): { value: string; label: string }[] {
  const dur = (m: number) => {
    const d = durationParts(m);
    return t(`sla.panel.${d.unit}`, { value: d.value });
  };
  return [
    { value: "", label: t("catalog.admin.sla_standard") },
    ...[1, 2, 3, 4].map((p) => {
      const policy = policies.get(p);
      return { value: String(p), label: policy ? t("catalog.admin.sla_priority", { p, response: dur(policy.firstResponseMinutes), resolution: dur(policy.resolutionMinutes) }) : `P${p}` };
    }),
  ];
}
