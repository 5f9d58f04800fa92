import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { onlineMigration } from '@cs/persistence';
import { CONSUMER_ATTEMPT_INDEXES, consumerAttemptsDdl, consumerStartsDdl, dropConsumerAttemptsDdl, dropConsumerStartsDdl, dropMessagingTablesDdl, messagingTablesDdl } from './messaging-tables';

export function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as PostgresConnectionOptions).schema;
  if (!schema) throw new Error('the data source has no schema; every service works in its own');
  return schema;
}

/** A migration of the library's tables, made in the schema of the service that runs it. */
function schemaDdlMigration(name: string, up: (schema: string) => string[], down: (schema: string) => string[]): new () => MigrationInterface {
  return class implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const sql of up(schemaOf(queryRunner))) await queryRunner.query(sql);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const sql of down(schemaOf(queryRunner))) await queryRunner.query(sql);
    }
  };
}

/** The migration each service runs first: its own outbox and inbox. */
export function messagingTablesMigration(timestamp: number): new () => MigrationInterface {
  return schemaDdlMigration(`MessagingTables${timestamp}`, messagingTablesDdl, dropMessagingTablesDdl);
}

/** The table a service's consumer group counts a message's failed tries in (ADR 0136). */
export function consumerAttemptsMigration(timestamp: number): new () => MigrationInterface {
  return schemaDdlMigration(`ConsumerAttempts${timestamp}`, consumerAttemptsDdl, dropConsumerAttemptsDdl);
}

/** The table where each partition's member began, so a message that ends its process is counted (ADR 0164). */
export function consumerStartsMigration(timestamp: number): new () => MigrationInterface {
  return schemaDdlMigration(`ConsumerStarts${timestamp}`, consumerStartsDdl, dropConsumerStartsDdl);
}

/**
 * The indexes a consumer group's done-with rows of `consumer_attempts` are removed by (ADR 0154),
 * built without holding off the group's failed tries (ADR 0064).
 */
export function consumerAttemptIndexesMigration(timestamp: number): new () => MigrationInterface {
  return onlineMigration(`ConsumerAttemptIndexes${timestamp}`, {
    up: CONSUMER_ATTEMPT_INDEXES.map((index) => ({ createIndex: index.name, on: index.on })),
    down: CONSUMER_ATTEMPT_INDEXES.map((index) => ({ dropIndex: index.name })),
  });
}
