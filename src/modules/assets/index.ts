// What other modules may use of the assets module.
export { Asset, AssetHistory, AssetType, TicketAsset, ASSET_STATUSES, type AssetStatus } from "./asset.entity";
export { attachAssets } from "./commands/attach-assets";
export { assetIdsForNewTicket, linkAsset, linkAssets, unlinkAsset } from "./commands/link-asset";
export { assetPanel, ownAssets, ticketAssetRefs } from "./queries/ticket-assets";
export { createAsset, type CreateAssetInput } from "./commands/create-asset";
export { updateAsset, type UpdateAssetInput } from "./commands/update-asset";
export { findAssetByTag, insertAssetHistory, type AssetHistoryRow } from "./commands/asset-rules";
export { ensureAssetTypes, cachedAssetTypes, listAssetTypes, typeLabel } from "./asset-types";
export { normalizeTag, TAG_PATTERN } from "./asset.schemas";
export { assetScope, authorizeAsset, canAsset, type AssetAction } from "../../access/policies/asset.policy";
