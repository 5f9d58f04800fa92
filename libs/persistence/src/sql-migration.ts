import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A migration written as plain SQL statements, run in one transaction. `name` must end in the
 * 13-digit timestamp TypeORM orders migrations by; `down` undoes `up` in reverse.
 */
export function sqlMigration(name: string, statements: { up: readonly string[]; down: readonly string[] }): new () => MigrationInterface {
  checkMigrationName(name);
  return class implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const sql of statements.up) await queryRunner.query(sql);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const sql of statements.down) await queryRunner.query(sql);
    }
  };
}

/** Refuses a migration name that does not end in the 13-digit timestamp TypeORM orders migrations by. */
export function checkMigrationName(name: string): void {
  if (!/\d{13}$/.test(name)) throw new Error(`migration name "${name}" must end in a 13-digit timestamp`);
}
