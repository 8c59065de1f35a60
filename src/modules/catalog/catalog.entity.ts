import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

export const FIELD_TYPES = ["text", "longtext", "number", "date", "choice", "boolean", "user", "asset"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One question of an item's form. `name` is the answer's key (API), `label` what the employee reads. */
export interface CatalogField {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  help?: string | null;
  /** choice: the allowed values. */
  options?: string[];
  /** asset: only assets of these type codes are offered (empty = any). */
  assetTypes?: string[];
}

/** A fulfilment task: a child ticket for a group, made when the request is approved. */
export interface CatalogTaskDef {
  title: string;
  groupId: number;
}

export const APPROVALS = ["none", "manager", "named"] as const;
export type ApprovalMode = (typeof APPROVALS)[number];

const json = <T>() => ({ to: (v: T) => JSON.stringify(v), from: (v: string) => JSON.parse(v) as T });

@Entity({ name: "catalog_categories" })
export class CatalogCategory {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ type: "varchar", length: 100 })
  name!: string;

  @Column({ type: "text", nullable: true })
  description!: string | null;

  @Column({ type: "integer", default: 0 })
  position!: number;

  @Column({ type: "boolean", default: true })
  active!: boolean;
}

/** Something employees can order: its form, who fulfils it, who approves it, its tasks. */
@Entity({ name: "catalog_items" })
export class CatalogItem {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "category_id", type: "integer", nullable: true })
  categoryId!: number | null;

  @Column({ type: "varchar", length: 150 })
  name!: string;

  @Column({ type: "text" })
  description!: string;

  /** One of CATALOG_ICONS (a picture in the portal's catalog). */
  @Column({ type: "varchar", length: 30 })
  icon!: string;

  /** The support group that fulfils it (its tier is the request's tier). */
  @Column({ name: "group_id", type: "integer", nullable: true })
  groupId!: number | null;

  /** SLA override: requests for this item get this priority (and so its SLA targets); null = the matrix. */
  @Column({ name: "sla_priority", type: "integer", nullable: true })
  slaPriority!: number | null;

  @Column({ type: "varchar", length: 10 })
  approval!: ApprovalMode;

  /** The named approver ("named"), or who approves when the requester has no manager ("manager"). */
  @Column({ name: "approver_id", type: "integer", nullable: true })
  approverId!: number | null;

  @Column({ type: "text", transformer: json<CatalogField[]>() })
  fields!: CatalogField[];

  @Column({ type: "text", transformer: json<CatalogTaskDef[]>() })
  tasks!: CatalogTaskDef[];

  /** Fulfilling it hands the requester an in-stock asset of this type (a new laptop). */
  @Column({ name: "fulfil_asset_type_id", type: "integer", nullable: true })
  fulfilAssetTypeId!: number | null;

  @Column({ type: "boolean", default: true })
  active!: boolean;

  @Column({ type: "integer", default: 0 })
  position!: number;

  @Column({ type: "integer", default: 1 })
  version!: number;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("updated_at")
  updatedAt!: Date;
}

/** The answer to one field, kept with the label and a readable value as they were when ordered. */
export interface RequestAnswer {
  name: string;
  label: string;
  type: FieldType;
  /** The stored value: string, number, boolean, a user id or asset id (user/asset), null when left empty. */
  value: string | number | boolean | null;
  /** What a person reads: "Yes", "12 Dec 2026" is done by the presenter; user's name, asset's "PC-00123 — ThinkPad" here. */
  display: string | null;
}

/** "cancelled": the request left its approval wait otherwise (resolved by an agent, merged). */
export type ApprovalState = "none" | "pending" | "approved" | "rejected" | "cancelled";

/** A REQ ticket made from a catalog item: the item and the answers. */
@Entity({ name: "catalog_requests" })
export class CatalogRequest {
  @PrimaryColumn({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @Column({ name: "item_id", type: "integer" })
  itemId!: number;

  @Column({ type: "text", transformer: json<RequestAnswer[]>() })
  answers!: RequestAnswer[];

  @Column({ name: "approval_state", type: "varchar", length: 12 })
  approvalState!: ApprovalState;

  @InstantColumn("created_at")
  createdAt!: Date;
}

@Entity({ name: "catalog_approvals" })
export class CatalogApproval {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @Column({ name: "approver_id", type: "integer" })
  approverId!: number;

  @Column({ type: "varchar", length: 10 })
  state!: "pending" | "approved" | "rejected" | "cancelled";

  @Column({ type: "text", nullable: true })
  reason!: string | null;

  @Column({ name: "decided_via", type: "varchar", length: 10, nullable: true })
  decidedVia!: "portal" | "email" | null;

  @InstantColumn("decided_at", { nullable: true })
  decidedAt!: Date | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}

/** A fulfilment task: a child ticket of a request. */
@Entity({ name: "catalog_tasks" })
export class CatalogTask {
  @PrimaryColumn({ name: "task_ticket_id", type: "integer" })
  taskTicketId!: number;

  @Column({ name: "request_ticket_id", type: "integer" })
  requestTicketId!: number;

  @Column({ type: "integer", default: 0 })
  position!: number;

  @Column({ type: "varchar", length: 200 })
  title!: string;
}
