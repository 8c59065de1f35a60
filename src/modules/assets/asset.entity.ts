import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";
import { ChangeRow } from "../../platform/db/change-row";

export const ASSET_STATUSES = ["in_stock", "in_use", "in_repair", "retired"] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

/** The types every installation starts with (translated by code); admins add their own (shown by name). */
export const BUILTIN_ASSET_TYPES = [
  "laptop", "desktop", "monitor", "phone", "tablet", "printer", "server", "network_device", "software_licence", "peripheral", "other",
] as const;

@Entity({ name: "asset_types" })
export class AssetType {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  /** Stable key: a built-in's translation key, or a slug of an admin-made type's name. */
  @Column({ type: "varchar", length: 40 })
  code!: string;

  /** The admin's own name for a type they added; null for a built-in (translated). */
  @Column({ type: "varchar", length: 80, nullable: true })
  name!: string | null;

  @Column({ type: "boolean", default: false })
  builtin!: boolean;

  @Column({ type: "boolean", default: true })
  active!: boolean;

  @Column({ type: "integer", default: 0 })
  position!: number;
}

/** A piece of equipment or a licence the desk supports, known by its tag (PC-00123). */
@Entity({ name: "assets" })
export class Asset {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  /** Unique, stored upper-case (PC-00123). */
  @Column({ type: "varchar", length: 40 })
  tag!: string;

  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Column({ name: "type_id", type: "integer" })
  typeId!: number;

  @Column({ type: "varchar", length: 100, nullable: true })
  manufacturer!: string | null;

  @Column({ type: "varchar", length: 100, nullable: true })
  model!: string | null;

  @Column({ type: "varchar", length: 100, nullable: true })
  serial!: string | null;

  @Column({ type: "varchar", length: 12 })
  status!: AssetStatus;

  @Column({ name: "owner_id", type: "integer", nullable: true })
  ownerId!: number | null;

  @Column({ type: "varchar", length: 120, nullable: true })
  location!: string | null;

  @Column({ type: "varchar", length: 120, nullable: true })
  department!: string | null;

  /** Calendar dates as YYYY-MM-DD (no time zone to get wrong). */
  @Column({ name: "purchase_date", type: "varchar", length: 10, nullable: true })
  purchaseDate!: string | null;

  @Column({ name: "warranty_end", type: "varchar", length: 10, nullable: true })
  warrantyEnd!: string | null;

  @Column({ type: "text", nullable: true })
  notes!: string | null;

  /** The warranty end the admins were last warned about: a new date warns again. */
  @Column({ name: "warranty_warned_for", type: "varchar", length: 10, nullable: true })
  warrantyWarnedFor!: string | null;

  @Column({ type: "integer", default: 1 })
  version!: number;

  @Column({ name: "created_by_id", type: "integer", nullable: true })
  createdById!: number | null;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("updated_at")
  updatedAt!: Date;
}

export type AssetHistoryKind = "created" | "owner" | "status" | "field" | "imported" | "assigned" | "linked" | "unlinked";

/** One change of an asset: who, when, from what to what (and the ticket that caused it, if any). */
@Entity({ name: "asset_history" })
export class AssetHistory extends ChangeRow<AssetHistoryKind> {
  @Column({ name: "asset_id", type: "integer" })
  assetId!: number;

  /** The ticket that made the change (a request's hand-over, a link), if any. */
  @Column({ name: "ticket_id", type: "integer", nullable: true })
  ticketId!: number | null;
}

/** A ticket (incident or request) about an asset. */
@Entity({ name: "ticket_assets" })
export class TicketAsset {
  @PrimaryColumn({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @PrimaryColumn({ name: "asset_id", type: "integer" })
  assetId!: number;

  @Column({ name: "linked_by_id", type: "integer", nullable: true })
  linkedById!: number | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}
