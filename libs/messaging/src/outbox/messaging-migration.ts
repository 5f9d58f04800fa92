import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { dropMessagingTablesDdl, messagingTablesDdl } from './messaging-tables';

export function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as PostgresConnectionOptions).schema;
  if (!schema) throw new Error('the data source has no schema; every service works in its own');
  return schema;
}

/** The migration each service runs first: its own outbox and inbox. */
export function messagingTablesMigration(timestamp: number): new () => MigrationInterface {
  return class MessagingTables implements MigrationInterface {
    readonly name = `MessagingTables${timestamp}`;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const sql of messagingTablesDdl(schemaOf(queryRunner))) await queryRunner.query(sql);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const sql of dropMessagingTablesDdl(schemaOf(queryRunner))) await queryRunner.query(sql);
    }
  };
}
