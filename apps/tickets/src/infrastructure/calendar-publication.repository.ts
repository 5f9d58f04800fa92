import { Injectable } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { CalendarDocumentSchema } from '@cs/contracts';
import { execute, selectRows } from '@cs/persistence';

/** A calendar version not yet announced to the services that keep a copy. */
export interface UnpublishedCalendar {
  readonly id: string;
  readonly version: number;
  readonly document: Static<typeof CalendarDocumentSchema>;
  readonly updatedAt: Date;
}

const UnpublishedRow = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  document: CalendarDocumentSchema,
  updated_at: Type.Date(),
});

/** `business_calendars.published_version`: which version the last `calendar.published` carried. */
@Injectable()
export class CalendarPublicationRepository {
  /** Calendars whose current version is unannounced, locked; another replica skips them. */
  async claimUnpublished(tx: EntityManager, limit: number): Promise<UnpublishedCalendar[]> {
    const rows = await selectRows(
      tx,
      UnpublishedRow,
      `SELECT id, version, document, updated_at FROM business_calendars
        WHERE published_version IS DISTINCT FROM version
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, version: r.version, document: r.document, updatedAt: r.updated_at }));
  }

  async markPublished(tx: EntityManager, id: string, version: number): Promise<void> {
    await execute(tx, 'UPDATE business_calendars SET published_version = $2 WHERE id = $1', [id, version]);
  }
}
