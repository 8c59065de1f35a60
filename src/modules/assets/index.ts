// What other modules may use of the assets module.
export { Asset, AssetHistory, AssetType, TicketAsset, ASSET_STATUSES, type AssetStatus } from "./asset.entity";
export { attachAssets } from "./commands/attach-assets";
