import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ItemDemand1764000000000 implements MigrationInterface {
  readonly name = 'ItemDemand1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE item_demand (
        item_code    text PRIMARY KEY,
        tickets      integer NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE item_demand');
  }
}
