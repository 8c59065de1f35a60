import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { InstantColumn } from "../../platform/db/columns";

export const KB_AUDIENCES = ["everyone", "agents"] as const;
export type KbAudience = (typeof KB_AUDIENCES)[number];
export const KB_STATUSES = ["draft", "published", "archived"] as const;
export type KbStatus = (typeof KB_STATUSES)[number];

@Entity({ name: "kb_categories" })
export class KbCategory {
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

@Entity({ name: "kb_articles" })
export class KbArticle {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ type: "varchar", length: 200 })
  title!: string;

  @Column({ type: "varchar", length: 500, nullable: true })
  summary!: string | null;

  /** Markdown source, as its author wrote it; rendered and sanitised on the way out. */
  @Column({ type: "text" })
  body!: string;

  /** The body as plain words (no Markdown marks): what the search indexes and snippets quote. */
  @Column({ name: "body_text", type: "text" })
  bodyText!: string;

  @Column({ name: "category_id", type: "integer", nullable: true })
  categoryId!: number | null;

  /** Lower-case, comma-separated, each tag once ("printer,vpn"). */
  @Column({ type: "varchar", length: 500, nullable: true })
  tags!: string | null;

  @Column({ type: "varchar", length: 10 })
  audience!: KbAudience;

  @Column({ type: "varchar", length: 10 })
  status!: KbStatus;

  @Column({ name: "author_id", type: "integer", nullable: true })
  authorId!: number | null;

  /** Who last reviewed it (saved it while it was published, or published it). */
  @Column({ name: "reviewer_id", type: "integer", nullable: true })
  reviewerId!: number | null;

  /** YYYY-MM-DD: when it should be read again to check it is still true. */
  @Column({ name: "review_by", type: "varchar", length: 10, nullable: true })
  reviewBy!: string | null;

  /** The problem whose workaround it publishes (a known-error article). */
  @Column({ name: "problem_id", type: "integer", nullable: true })
  problemId!: number | null;

  /** The ticket it was written from. */
  @Column({ name: "source_ticket_id", type: "integer", nullable: true })
  sourceTicketId!: number | null;

  @Column({ type: "integer", default: 0 })
  views!: number;

  @Column({ name: "helpful_yes", type: "integer", default: 0 })
  helpfulYes!: number;

  @Column({ name: "helpful_no", type: "integer", default: 0 })
  helpfulNo!: number;

  @Column({ type: "integer", default: 1 })
  version!: number;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("updated_at")
  updatedAt!: Date;

  @InstantColumn("published_at", { nullable: true })
  publishedAt!: Date | null;
}

/** One save of an article: the whole of what it said then, and which fields that save changed. */
@Entity({ name: "kb_revisions" })
export class KbRevision {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "article_id", type: "integer" })
  articleId!: number;

  /** 1 for the creation, then 2, 3 ... */
  @Column({ type: "integer" })
  number!: number;

  @Column({ name: "actor_id", type: "integer", nullable: true })
  actorId!: number | null;

  @Column({ type: "varchar", length: 200 })
  title!: string;

  @Column({ type: "varchar", length: 500, nullable: true })
  summary!: string | null;

  @Column({ type: "text" })
  body!: string;

  @Column({ name: "category_id", type: "integer", nullable: true })
  categoryId!: number | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  tags!: string | null;

  @Column({ type: "varchar", length: 10 })
  audience!: KbAudience;

  @Column({ type: "varchar", length: 10 })
  status!: KbStatus;

  @Column({ name: "review_by", type: "varchar", length: 10, nullable: true })
  reviewBy!: string | null;

  /** The fields this save changed, comma-separated ("title,body"); "created" for the first. */
  @Column({ type: "varchar", length: 200, nullable: true })
  changed!: string | null;

  /** Why (a restore says which revision it brought back). */
  @Column({ type: "text", nullable: true })
  note!: string | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}

@Entity({ name: "kb_attachments" })
export class KbAttachment {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "article_id", type: "integer" })
  articleId!: number;

  @Column({ type: "varchar", length: 255 })
  filename!: string;

  @Column({ name: "mime_type", type: "varchar", length: 100 })
  mimeType!: string;

  @Column({ type: "integer" })
  size!: number;

  /** Random file name under the upload folder, as for ticket attachments. */
  @Column({ name: "storage_key", type: "varchar", length: 64 })
  storageKey!: string;

  @Column({ name: "uploaded_by_id", type: "integer", nullable: true })
  uploadedById!: number | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}

@Entity({ name: "kb_feedback" })
export class KbFeedback {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "article_id", type: "integer" })
  articleId!: number;

  @Column({ name: "user_id", type: "integer" })
  userId!: number;

  @Column({ type: "boolean" })
  helpful!: boolean;

  @Column({ type: "text", nullable: true })
  comment!: string | null;

  @InstantColumn("created_at")
  createdAt!: Date;

  @InstantColumn("updated_at")
  updatedAt!: Date;
}

/** An employee's problem solved by an article while writing a ticket: the ticket never existed. */
@Entity({ name: "kb_deflections" })
export class KbDeflection {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Column({ name: "article_id", type: "integer", nullable: true })
  articleId!: number | null;

  @Column({ name: "user_id", type: "integer", nullable: true })
  userId!: number | null;

  /** The words typed (title and description) when the article was found. */
  @Column({ type: "varchar", length: 500, nullable: true })
  query!: string | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}

@Entity({ name: "ticket_kb_links" })
export class TicketKbLink {
  @PrimaryColumn({ name: "ticket_id", type: "integer" })
  ticketId!: number;

  @PrimaryColumn({ name: "article_id", type: "integer" })
  articleId!: number;

  /** "Solved with this article", recorded when the ticket was resolved. */
  @Column({ type: "boolean", default: false })
  solved!: boolean;

  @Column({ name: "linked_by_id", type: "integer", nullable: true })
  linkedById!: number | null;

  @InstantColumn("created_at")
  createdAt!: Date;
}
