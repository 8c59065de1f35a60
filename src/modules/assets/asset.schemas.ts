import { isRealDate } from "../../platform/http/format";
import { z } from "zod";
import { checkbox } from "../users/user.schemas";
import { ASSET_STATUSES } from "./asset.entity";

/** PC-00123: upper-case letters and digits, then also . _ - ; 40 characters at most. */
export const TAG_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
/** Paths under /assets that are pages, not tags (the detail route lets them through). */
export const RESERVED_TAGS: readonly string[] = ["NEW", "IMPORT", "EXPORT", "EXPORT.CSV"];


/** Trimmed and upper-cased, as tags are stored. */
export const normalizeTag = (s: string) => s.trim().toUpperCase();

export const tagField = z.string({ error: "validation.required" }).transform(normalizeTag)
  .pipe(z.string().min(1, "validation.required").max(40, "validation.too_long").regex(TAG_PATTERN, "assets.errors.tag_format")
    .refine((v) => !RESERVED_TAGS.includes(v), "assets.errors.tag_reserved"));
const required = (max: number) => z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.too_long");
/** Optional text: missing is "not given" (undefined), "" or null clears it (null). */
const optional = (max: number) => z.string({ error: "validation.invalid" }).trim().max(max, "validation.too_long").nullable().optional()
  .transform((v) => (v === undefined ? undefined : v || null));
const date = z.string({ error: "validation.invalid" }).trim().nullable().optional()
  .transform((v) => (v === undefined ? undefined : v || null))
  .refine((v) => v == null || isRealDate(v), "assets.errors.date");
const status = z.enum(ASSET_STATUSES, { error: "validation.choice" });
const typeCode = z.string({ error: "validation.required" }).trim().toLowerCase().min(1, "validation.required").max(40, "validation.choice");
/** A username; "" or null: no owner. Resolved (and refused when unknown) by the command. */
const owner = z.string({ error: "validation.invalid" }).trim().toLowerCase().max(100, "validation.too_long").nullable().optional()
  .transform((v) => (v === undefined ? undefined : v || null));

const fields = {
  name: required(200), type: typeCode, owner, location: optional(120), department: optional(120),
  serial: optional(100), manufacturer: optional(100), model: optional(100), purchaseDate: date, warrantyEnd: date, notes: optional(5000),
};

/** A new asset from the form (every field posted; an empty select of status is "not chosen"). */
export const assetFormSchema = z.object({
  tag: tagField, ...fields,
  status: z.union([status, z.literal("")]).optional().transform((v) => v || undefined),
});
/** The same from the API: unknown keys are refused by name. */
export const assetCreateBody = z.strictObject({ tag: tagField, ...fields, status: status.optional() });
export type AssetCreateInput = z.infer<typeof assetFormSchema>;

/** The version of the asset the editor saw (a stale page or client: 409 asset_changed). */
const version = z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid");

/** The edit form: every field posted, the version as a hidden field. */
export const assetEditSchema = z.object({ tag: tagField, ...fields, status, version });
/** PATCH: each field optional (left as it is when missing), the version required. */
export const assetPatchBody = z.strictObject({
  version: z.number({ error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid"),
  tag: tagField.optional(), name: required(200).optional(), type: typeCode.optional(), status: status.optional(),
  owner, location: fields.location, department: fields.department, serial: fields.serial, manufacturer: fields.manufacturer,
  model: fields.model, purchaseDate: date, warrantyEnd: date, notes: fields.notes,
});

const blank = z.literal("").optional().transform(() => undefined);
/** The list's filters (a bad value is "no filter", not an error page). */
export const assetListSchema = z.object({
  type: z.string().trim().toLowerCase().max(40).optional().transform((v) => v || undefined).catch(undefined),
  status: z.union([status, blank]).optional().catch(undefined),
  location: z.string().trim().max(120).optional().transform((v) => v || undefined).catch(undefined),
  /** A username, or "me". */
  owner: z.string().trim().toLowerCase().max(100).optional().transform((v) => v || undefined).catch(undefined),
  warranty: z.union([z.enum(["soon", "expired"]), blank]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().transform((v) => v || undefined).catch(undefined),
  /** Keyset: the last id of the previous page. */
  after: z.coerce.number().int().positive().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
});
/** What a list may be filtered by (the page's and the API's schemas both give it). */
export interface AssetListFilter {
  type?: string;
  status?: (typeof ASSET_STATUSES)[number];
  location?: string;
  owner?: string;
  warranty?: "soon" | "expired";
  q?: string;
  after?: number;
  limit?: number;
}

/** The API's list filters: a bad value is a 422 naming the parameter (a client wants to know). */
export const assetApiListQuery = z.object({
  type: z.string().trim().toLowerCase().max(40, "validation.too_long").optional(),
  status: status.optional(),
  location: z.string().trim().max(120, "validation.too_long").optional(),
  owner: z.string().trim().toLowerCase().max(100, "validation.too_long").optional(),
  warranty: z.enum(["soon", "expired"], { error: "validation.choice" }).optional(),
  q: z.string().trim().max(100, "validation.too_long").optional().transform((v) => v || undefined),
  after: z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid").optional(),
  limit: z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid").max(100, "validation.invalid").optional(),
});

/** The admin's asset types: a new one by name, an existing one renamed and (de)activated. */
export const assetTypeSchema = z.object({ name: required(80), active: checkbox });
export const newAssetTypeSchema = z.object({ name: required(80) });
