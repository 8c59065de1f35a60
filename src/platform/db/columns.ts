import { Column, ValueTransformer } from "typeorm";

/**
 * Instants are stored as epoch milliseconds in a BIGINT: the same type, the same
 * comparisons and the same index behaviour on SQLite and PostgreSQL, and no time-zone
 * conversion by a driver. PostgreSQL hands BIGINT back as a string, hence Number().
 */
export const epochMs: ValueTransformer = {
  to: (d: Date | null | undefined) => (d == null ? d : d.getTime()),
  from: (v: string | number | null) => (v == null ? null : new Date(Number(v))),
};

export function InstantColumn(name: string, opts: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ name, type: "bigint", transformer: epochMs, nullable: opts.nullable ?? false });
}

/** A BIGINT that is a plain number in JS (counts, sizes). */
export const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v == null ? null : Number(v)),
};

/** A raw-row value that is an instant (raw queries skip transformers). */
export function toDate(v: unknown): Date | null {
  return v == null ? null : new Date(Number(v));
}
