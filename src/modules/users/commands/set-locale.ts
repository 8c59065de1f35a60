import type { Actor } from "../../../access/actor";
import type { Deps } from "../../../platform/deps";
import { invalidateReference } from "../../../platform/db/reference-cache";
import { User } from "../user.entity";

/** A person's own language setting (the footer switch). */
export async function setLocale(deps: Deps, actor: Actor, locale: "en" | "fr"): Promise<void> {
  await deps.db.getRepository(User).update({ id: actor.id }, { locale, updatedAt: deps.clock.now() });
  // the cached actor carries the locale
  invalidateReference(deps.db);
}
