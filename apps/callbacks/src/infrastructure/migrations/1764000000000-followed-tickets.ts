import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowedTickets1764000000000 implements MigrationInterface {
  readonly name = 'FollowedTickets1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE followed_tickets (
        ticket_id    uuid PRIMARY KEY,
        number       text NOT NULL,
        customer_id  uuid NOT NULL,
        section_code text,
        item_code    text,
        project_code text,
        owner_id     text NOT NULL,
        status       text NOT NULL,
        opened_at    timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX followed_tickets_customer_idx ON followed_tickets (customer_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE followed_tickets');
  }
}
