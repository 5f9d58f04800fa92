import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketFacts1764000000000 implements MigrationInterface {
  readonly name = 'TicketFacts1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ticket_facts (
        ticket_id    uuid PRIMARY KEY,
        number       text NOT NULL,
        channel      text NOT NULL,
        section_code text,
        item_code    text,
        project_code text,
        owner_id     text NOT NULL,
        opened_at    timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX ticket_facts_opened_idx ON ticket_facts (opened_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ticket_facts');
  }
}
