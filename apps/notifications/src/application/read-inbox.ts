import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@cs/ddd';
import type { Reader } from '../domain/audience';
import { markAllRead } from '../domain/inbox-mark';
import { InboxMarkRepository } from '../infrastructure/inbox-mark.repository';
import { NotificationRepository, StoredNotification } from '../infrastructure/notification.repository';
import { decodeCursor, encodeCursor } from './cursor';
import { FeedItem, onTheFeed } from './feed-item';
import { TellStreamsRead } from './tell-streams-read';

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
    private readonly marks: InboxMarkRepository,
    private readonly streams: TellStreamsRead,
  ) {}

  async page(reader: Reader, query: { unreadOnly: boolean; cursor?: string; limit: number }): Promise<InboxPage> {
    const beforeSeq = decodeCursor(query.cursor, 'NOTIFICATION.BAD_CURSOR');
    const db = this.dataSource.manager;
    const marks = await this.marks.find(db, reader.sub);
    const rows = await this.notifications.page(db, reader, marks, { unreadOnly: query.unreadOnly, limit: query.limit + 1, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items,
      ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last.seq) } : {}),
      unreadCount: await this.notifications.unreadCount(db, reader, marks, UNREAD_COUNT_CAP),
    };
  }

  /** The reader's unread notifications, counted up to `UNREAD_COUNT_CAP`. */
  async unreadCount(reader: Reader): Promise<number> {
    const db = this.dataSource.manager;
    return this.notifications.unreadCount(db, reader, await this.marks.find(db, reader.sub), UNREAD_COUNT_CAP);
  }

  /**
   * Marks the notification read for this reader alone; a notification that does not reach them is
   * 404. One that had its stream id may have gone out on their streams unread: they are told.
   */
  async markRead(id: string, reader: Reader, now: Date = new Date()): Promise<StoredNotification> {
    const { found, marked } = await this.dataSource.transaction(async (tx) => {
      const marks = await this.marks.find(tx, reader.sub);
      // Held until the read mark is in: the retention deleting it meanwhile makes it a 404, not a
      // failed insert. Held by the relay's claim, it is read once the claim commits, with its stream id.
      const held = await this.notifications.find(tx, id, reader, marks, true);
      if (!held) throw new DomainError('NOTIFICATION.NOT_FOUND', 'not_found', `notification ${id} not found`);
      // Read already, singly or by "mark all read": it keeps that time. Read by another marking
      // meanwhile (a double click), it keeps that one's, which that marking tells the streams.
      if (held.readAt) return { found: held, marked: false };
      const { readAt, marked } = await this.notifications.markRead(tx, id, reader.sub, now);
      return { found: { ...held, readAt }, marked };
    });
    const numbered = onTheFeed(found);
    if (marked && numbered) await this.streams.tell(reader.sub, [numbered]);
    return found;
  }

  /**
   * 全部已读 — marks read, for this reader alone, every notification they may see now; what
   * arrives afterwards is unread. Marking again with nothing new changes nothing; what a marking
   * from a token of another scope covered stays read.
   */
  async markAllRead(reader: Reader, now: Date = new Date()): Promise<void> {
    const { upTo, numberedMeanwhile } = await this.dataSource.transaction(async (tx) => {
      await this.marks.lockFor(tx, reader.sub);
      const previous = await this.marks.find(tx, reader.sub);
      const latestFeedSeq = await this.notifications.latestFeedSeq(tx);
      const decision = markAllRead(previous, reader, latestFeedSeq, now);
      await this.notifications.markFoldedRead(tx, reader.sub, decision.folded, previous);
      // Those the relay numbered while this marking ran are past its mark: the streams are told
      // each. What was numbered before, the streams are told by the mark.
      const marked = await this.notifications.markUnreadRead(tx, reader, decision.markSinglyWhatIsUnreadUnder, now, decision.keepingTheTimesOf, latestFeedSeq);
      await this.marks.save(tx, reader.sub, decision.marks);
      return { upTo: latestFeedSeq, numberedMeanwhile: marked };
    });
    // The inbox lists whatever this marking read read now: a mark moved on keeps its first time
    // only for what it read before.
    await this.streams.tellMarkedAll({ reader, upTo, at: now }, numberedMeanwhile.map(onTheFeed).filter((item): item is FeedItem => item !== undefined));
  }
}
