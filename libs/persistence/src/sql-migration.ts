import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A migration written as plain SQL statements, run in one transaction. `name` must end in the
 * 13-digit timestamp TypeORM orders migrations by; `down` undoes `up` in reverse.
 */
export function sqlMigration(name: string, statements: { up: readonly string[]; down: readonly string[] }): new () => MigrationInterface {
  migrationName(name);
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

/** Checks a migration's name: TypeORM orders migrations by the 13-digit timestamp it ends in. */
export function migrationName(name: string): string {
  if (!/\d{13}$/.test(name)) throw new Error(`migration name "${name}" must end in a 13-digit timestamp`);
  return name;
}
