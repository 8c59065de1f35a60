import { isRealDate } from "../../platform/http/format";
import type { FieldErrors } from "../../platform/http/errors";
import type { CatalogField, RequestAnswer } from "./catalog.entity";

export const TEXT_MAX = 500;
export const LONGTEXT_MAX = 5000;

/** A person an answer may name. */
export interface AnswerUser {
  id: number;
  displayName: string;
}

/** An asset an answer may name, with what the rules check. */
export interface AnswerAsset {
  id: number;
  tag: string;
  name: string;
  ownerId: number | null;
  /** The code of its type (laptop, monitor, ...). */
  typeCode: string;
}

/** What the rules need from outside: lookups, and who is ordering. */
export interface AnswerContext {
  /** An active user by username, or null. */
  findUser(username: string): Promise<AnswerUser | null>;
  /** An asset by tag (upper-case), or null. */
  findAsset(tag: string): Promise<AnswerAsset | null>;
  actorId: number;
  /** Staff may name any asset; anyone else only what they own. */
  anyAsset: boolean;
}

export type AnswersResult = { answers: RequestAnswer[]; assetIds: number[]; errors?: undefined } | { errors: FieldErrors; answers?: undefined };

type Checked = { value: RequestAnswer["value"]; display: string | null; assetId?: number } | { error: string };

const TRUE = new Set<unknown>([true, "true", "on", "1"]);
const FALSE = new Set<unknown>([false, "false", "0", "", undefined, null]);
const NUMBER = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** A form posts strings, the API JSON scalars; arrays (a repeated form key) and objects are not answers. */
function scalar(v: unknown): string | number | boolean | null | undefined | { bad: true } {
  if (v === undefined || v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return { bad: true };
}

export { isRealDate };

async function check(f: CatalogField, raw: string | number | boolean, ctx: AnswerContext): Promise<Checked> {
  const s = String(raw).trim();
  switch (f.type) {
    case "text":
    case "longtext":
      if (typeof raw === "boolean") return { error: "validation.invalid" };
      return s.length > (f.type === "text" ? TEXT_MAX : LONGTEXT_MAX) ? { error: "validation.too_long" } : { value: s, display: null };
    case "number": {
      if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw, display: null } : { error: "catalog.errors.number" };
      const n = Number(s.replace(",", "."));
      return typeof raw === "string" && NUMBER.test(s) && Number.isFinite(n) ? { value: n, display: null } : { error: "catalog.errors.number" };
    }
    case "date":
      return typeof raw === "string" && isRealDate(s) ? { value: s, display: null } : { error: "catalog.errors.date" };
    case "choice":
      return typeof raw === "string" && (f.options ?? []).includes(s) ? { value: s, display: null } : { error: "validation.choice" };
    case "user": {
      if (typeof raw !== "string") return { error: "validation.unknown_user" };
      const u = await ctx.findUser(s.toLowerCase());
      return u ? { value: u.id, display: u.displayName } : { error: "validation.unknown_user" };
    }
    case "asset": {
      if (typeof raw !== "string") return { error: "catalog.errors.unknown_asset" };
      const a = await ctx.findAsset(s.toUpperCase());
      // someone who may only name their own equipment learns nothing about the rest
      if (!a || (!ctx.anyAsset && a.ownerId !== ctx.actorId)) return { error: ctx.anyAsset ? "catalog.errors.unknown_asset" : "catalog.errors.not_your_asset" };
      if (f.assetTypes?.length && !f.assetTypes.includes(a.typeCode)) return { error: "catalog.errors.asset_type" };
      return { value: a.id, display: `${a.tag} — ${a.name}`, assetId: a.id };
    }
    default:
      return { error: "validation.invalid" };
  }
}

/**
 * Check an order's answers against its item's fields: one error (an i18n key) per field
 * name, or the answers to keep, each with its label and what a person reads of it. A
 * checkbox left unticked is a "no" (a required one must be ticked); other empty answers
 * are null, refused when required. Keys that are not fields are ignored.
 */
export async function validateAnswers(fields: CatalogField[], raw: Record<string, unknown>, ctx: AnswerContext): Promise<AnswersResult> {
  const errors: FieldErrors = {};
  const answers: RequestAnswer[] = [];
  const assetIds: number[] = [];
  for (const f of fields) {
    const v = scalar(Object.prototype.hasOwnProperty.call(raw, f.name) ? raw[f.name] : undefined);
    const base = { name: f.name, label: f.label, type: f.type };
    if (typeof v === "object" && v !== null) {
      errors[f.name] = "validation.invalid";
      continue;
    }
    if (f.type === "boolean") {
      const on = TRUE.has(typeof v === "string" ? v.trim().toLowerCase() : v);
      if (!on && !FALSE.has(typeof v === "string" ? v.trim().toLowerCase() : v)) errors[f.name] = "validation.invalid";
      else if (f.required && !on) errors[f.name] = "catalog.errors.must_tick";
      else answers.push({ ...base, value: on, display: null });
      continue;
    }
    if (v === undefined || v === null || (typeof v === "string" && !v.trim())) {
      if (f.required) errors[f.name] = "validation.required";
      else answers.push({ ...base, value: null, display: null });
      continue;
    }
    const got = await check(f, v, ctx);
    if ("error" in got) {
      errors[f.name] = got.error;
      continue;
    }
    answers.push({ ...base, value: got.value, display: got.display });
    if (got.assetId) assetIds.push(got.assetId);
  }
  return Object.keys(errors).length ? { errors } : { answers, assetIds };
}
