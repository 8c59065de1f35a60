import type { DataSource } from "typeorm";
import { placeholders, rawQuery } from "../../../platform/db/raw";

export interface PersonName {
  username: string;
  displayName: string;
}

/**
 * How the people behind these ids are shown (authors, owners, who did what), by id, in
 * one hand-written statement; null ids and repeats are skipped, no id asks nothing.
 */
export async function displayNames(db: DataSource, ids: readonly (number | null | undefined)[]): Promise<Map<number, PersonName>> {
  const wanted = [...new Set(ids.filter((id): id is number => id != null))];
  if (!wanted.length) return new Map();
  const rows = await rawQuery<{ id: number; username: string; display_name: string }>(db,
    `SELECT id, username, display_name FROM users WHERE id IN (${placeholders(wanted.length)})`, wanted);
  return new Map(rows.map((u) => [Number(u.id), { username: String(u.username), displayName: String(u.display_name) }]));
}
