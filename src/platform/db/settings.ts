import type { EntityManager } from "typeorm";
import { Setting } from "./setting.entity";

export async function getSetting<T>(m: EntityManager, key: string, fallback: T): Promise<T> {
  const row = await m.findOne(Setting, { where: { key } });
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export async function putSetting(m: EntityManager, key: string, value: unknown): Promise<void> {
  await m.upsert(Setting, { key, value: JSON.stringify(value) }, ["key"]);
}
