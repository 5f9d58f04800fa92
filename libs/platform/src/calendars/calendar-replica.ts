import { Injectable, Module } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { BusinessCalendar, parseCalendar } from '@cs/business-calendar';
import type { CalendarPublishedV1, EventData } from '@cs/contracts';
import { schemaOf } from '@cs/messaging';
import { Queryable, execute, quoteIdentifier, selectRow } from '@cs/persistence';

/**
 * A calendar was asked for before its first `calendar.published` arrived. Thrown from an event
 * handler it makes the transport retry, by when the calendar is usually there.
 */
export class CalendarNotReceivedError extends Error {
  constructor(readonly calendarId: string) {
    super(`business calendar "${calendarId}" has not been received from the tickets service yet`);
    this.name = 'CalendarNotReceivedError';
  }
}

/** The table a service keeps its copy of the business calendars in, in its own schema. */
export function calendarReplicaMigration(timestamp: number): new () => MigrationInterface {
  return class CalendarReplicas implements MigrationInterface {
    readonly name = `CalendarReplicas${timestamp}`;

    async up(queryRunner: QueryRunner): Promise<void> {
      const table = `${quoteIdentifier(schemaOf(queryRunner))}.calendar_replicas`;
      await queryRunner.query(
        `CREATE TABLE ${table} (
           calendar_id text PRIMARY KEY,
           version     integer NOT NULL CHECK (version >= 1),
           document    jsonb NOT NULL,
           published_at timestamptz NOT NULL,
           received_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE ${quoteIdentifier(schemaOf(queryRunner))}.calendar_replicas`);
    }
  };
}

const ReplicaRow = Type.Object({ version: Type.Integer(), document: Type.Unknown() });

/**
 * The business calendars as the tickets service publishes them (`calendar.published`), kept in
 * this service's schema: services that count working time never read the tickets service's
 * tables. Versions only move forward, so a redelivered or reordered event changes nothing.
 */
@Injectable()
export class CalendarReplica {
  private readonly parsed = new Map<string, { readonly version: number; readonly calendar: BusinessCalendar }>();

  constructor(private readonly dataSource: DataSource) {}

  /** Keeps the event's version when it is newer than the one held; in the handler's transaction. */
  async apply(tx: EntityManager, data: EventData<typeof CalendarPublishedV1>): Promise<void> {
    await execute(
      tx,
      `INSERT INTO calendar_replicas (calendar_id, version, document, published_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (calendar_id) DO UPDATE
          SET version = EXCLUDED.version, document = EXCLUDED.document, published_at = EXCLUDED.published_at, received_at = now()
        WHERE calendar_replicas.version < EXCLUDED.version`,
      [data.calendarId, data.version, JSON.stringify(data.document), data.at],
    );
  }

  /**
   * The calendar at its newest version received; parsed once per version. Throws
   * CalendarNotReceivedError when none has arrived yet.
   */
  async get(calendarId: string, db: Queryable = this.dataSource): Promise<BusinessCalendar> {
    return (await this.getVersioned(calendarId, db)).calendar;
  }

  /** As `get`, with the version it is: what a due time counted by it records, to be counted again by a newer one. */
  async getVersioned(calendarId: string, db: Queryable = this.dataSource): Promise<{ readonly version: number; readonly calendar: BusinessCalendar }> {
    const row = await selectRow(db, ReplicaRow, 'SELECT version, document FROM calendar_replicas WHERE calendar_id = $1', [calendarId]);
    if (!row) throw new CalendarNotReceivedError(calendarId);
    const cached = this.parsed.get(calendarId);
    if (cached?.version === row.version) return cached;
    const held = { version: row.version, calendar: parseCalendar(row.document) };
    this.parsed.set(calendarId, held);
    return held;
  }
}

/** Provides CalendarReplica; the service adds the `calendar.published` handler that feeds it. */
@Module({ providers: [CalendarReplica], exports: [CalendarReplica] })
export class CalendarReplicaModule {}
