import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import type { Reader } from '../domain/audience';
import { NotificationRepository, StoredNotification } from '../infrastructure/notification.repository';
import { decodeCursor, encodeCursor } from './cursor';

/** Unread notifications are counted up to this many: a desk shows "999+" past it. */
export const UNREAD_COUNT_CAP = 1_000;

export interface InboxPage {
  readonly items: StoredNotification[];
  readonly nextCursor?: string;
  readonly unreadCount: number;
}

/** 通知 — the reader's inbox: notifications whose audience their token matches, and their own read marks. */
@Injectable()
export class ReadInbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
  ) {}

  async page(reader: Reader, query: { unreadOnly: boolean; cursor?: string; limit: number }): Promise<InboxPage> {
    const beforeSeq = decodeCursor(query.cursor, 'NOTIFICATION.BAD_CURSOR');
    const db = this.dataSource.manager;
    const rows = await this.notifications.page(db, reader, { unreadOnly: query.unreadOnly, limit: query.limit + 1, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items,
      ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last.seq) } : {}),
      unreadCount: await this.notifications.unreadCount(db, reader, UNREAD_COUNT_CAP),
    };
  }

  /** Marks the notification read for this reader alone; a notification that does not reach them is 404. */
  async markRead(id: string, reader: Reader, now: Date = new Date()): Promise<StoredNotification> {
    return this.dataSource.transaction(async (tx) => {
      // Held until the read mark is in: the retention deleting it meanwhile makes it a 404, not a failed insert.
      const found = await this.notifications.find(tx, id, reader, true);
      if (!found) throw new DomainError('NOTIFICATION.NOT_FOUND', 'not_found', `notification ${id} not found`);
      await this.notifications.markRead(tx, id, reader.sub, now);
      return { ...found, readAt: found.readAt ?? now };
    });
  }
}
