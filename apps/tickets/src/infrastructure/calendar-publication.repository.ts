import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { execute, selectRows } from '@cs/persistence';

/**
 * A calendar version not yet announced to the services that keep a copy. `document` is as
 * stored: one stored before the limits of calendar.published.v1 does not fit it, and the
 * publisher passes it by rather than failing every calendar claimed with it.
 */
export interface UnpublishedCalendar {
  readonly id: string;
  readonly version: number;
  readonly document: unknown;
  readonly updatedAt: Date;
}

const UnpublishedRow = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  document: Type.Unknown(),
  updated_at: Type.Date(),
});

/** `business_calendars.published_version`: which version the last `calendar.published` carried. */
@Injectable()
export class CalendarPublicationRepository {
  /** Calendars whose current version is unannounced, by id after `afterId`, locked; another replica skips them. */
  async claimUnpublished(tx: EntityManager, limit: number, afterId = ''): Promise<UnpublishedCalendar[]> {
    const rows = await selectRows(
      tx,
      UnpublishedRow,
      `SELECT id, version, document, updated_at FROM business_calendars
        WHERE published_version IS DISTINCT FROM version AND id > $2
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit, afterId],
    );
    return rows.map((r) => ({ id: r.id, version: r.version, document: r.document, updatedAt: r.updated_at }));
  }

  async markPublished(tx: EntityManager, id: string, version: number): Promise<void> {
    await execute(tx, 'UPDATE business_calendars SET published_version = $2 WHERE id = $1', [id, version]);
  }
}
