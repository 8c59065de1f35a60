import type { Actor } from "../../../access/actor";
import { authorizeAsset } from "../../../access/policies/asset.policy";
import type { Deps } from "../../../platform/deps";
import type { AssetListFilter } from "../asset.schemas";
import { cachedAssetTypes } from "../asset-types";
import { TEMPLATE_HEADER } from "../csv/columns";
import { listAssets } from "./list-assets";

/** Rows read per query: the whole inventory (100 000 rows) is never held in memory at once. */
export const EXPORT_BATCH = 1000;

/**
 * The inventory as spreadsheet rows (the import's columns, the header first), with the
 * list's filters and scope: the same query as the /assets list (listAssets), page after
 * page by id. Codes and usernames rather than labels and display names, so the file
 * imports back as it is, in either language.
 */
export async function* exportAssetRows(deps: Deps, actor: Actor, filter: AssetListFilter): AsyncGenerator<string[][]> {
  authorizeAsset(actor, "export");
  const types = new Map((await cachedAssetTypes(deps.db)).map((t) => [t.id, t.code]));
  yield [[...TEMPLATE_HEADER]];
  let after: number | undefined;
  for (;;) {
    const page = await listAssets(deps, actor, { ...filter, after, limit: EXPORT_BATCH });
    yield page.rows.map((a) => [
      a.tag, a.name, types.get(a.typeId) ?? "", a.manufacturer ?? "", a.model ?? "", a.serial ?? "", a.status,
      a.ownerId ? page.owners.get(a.ownerId)?.username ?? "" : "", a.location ?? "", a.department ?? "",
      a.purchaseDate ?? "", a.warrantyEnd ?? "", a.notes ?? "",
    ]);
    if (page.next === null) return;
    after = page.next;
  }
}
