import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A major incident's public updates start at its latest marking (the newest "major" history
 * row from "not major"). During an outage the parent's history grows one "child" row per
 * attached incident, all of them after the marking, so reading it back on
 * ix_ticket_history_ticket (ticket_id, id) walks every one of them; this index reaches the
 * few "major" rows of the ticket directly (newest last), whatever its history holds.
 */
export class HistoryKindIndex1764000000012 implements MigrationInterface {
  name = "HistoryKindIndex1764000000012";

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE INDEX ix_ticket_history_kind ON ticket_history (ticket_id, kind, id)");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX ix_ticket_history_kind");
  }
}
