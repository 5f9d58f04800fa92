import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Reader, audienceIncludes } from '../domain/audience';
import { FeedChannel } from '../infrastructure/feed-channel';
import { NotificationRepository, StoredNotification } from '../infrastructure/notification.repository';
import { storedOf } from './feed-item';

/** Where a live stream's notifications go: the HTTP side writes them as server-sent events. */
export interface StreamSink {
  deliver(item: StoredNotification & { feedSeq: number }): void;
  close(): void;
  onClose(callback: () => void): void;
}

interface Connection {
  readonly reader: Reader;
  readonly sink: StreamSink;
  lastSent: number;
  /** Live notifications that arrived while the missed ones were still being read. */
  pending?: (StoredNotification & { feedSeq: number })[];
}

const REPLAY_LIMIT = 500;

/**
 * 实时推送 — live desks. Every replica hands what the feed channel brings (RelayLiveFeed puts
 * it there) to the streams it holds whose reader the notification reaches. A stream that
 * reconnects with Last-Event-ID first gets what it missed from Postgres.
 */
@Injectable()
export class LiveStreams implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly connections = new Set<Connection>();
  private stopListening?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly channel: FeedChannel,
  ) {}

  onApplicationBootstrap(): void {
    this.stopListening = this.channel.listen((message) => {
      const item = storedOf(message);
      if (item) this.connections.forEach((connection) => this.offer(connection, item));
    });
  }

  /** Open streams never end by themselves; they are closed before the HTTP server waits for them. */
  beforeApplicationShutdown(): void {
    this.stopListening?.();
    this.connections.forEach((connection) => connection.sink.close());
    this.connections.clear();
  }

  get openStreams(): number {
    return this.connections.size;
  }

  /** Starts a stream; with `afterFeedSeq` (its Last-Event-ID) it first gets what it missed. */
  async open(reader: Reader, sink: StreamSink, afterFeedSeq?: number): Promise<void> {
    const connection: Connection = { reader, sink, lastSent: afterFeedSeq ?? 0, pending: [] };
    this.connections.add(connection);
    sink.onClose(() => this.connections.delete(connection));
    try {
      if (afterFeedSeq !== undefined) {
        const missed = await this.notifications.feedAfter(this.dataSource.manager, reader, afterFeedSeq, REPLAY_LIMIT);
        for (const item of missed) if (item.feedSeq !== undefined) this.send(connection, { ...item, feedSeq: item.feedSeq });
      }
    } catch (error) {
      // What it missed could not be read: left open, it would carry on with what comes next and
      // its Last-Event-ID would move past the rest for good. Closed, the client reconnects with the same one.
      this.connections.delete(connection);
      sink.close();
      throw error;
    } finally {
      const pending = connection.pending ?? [];
      delete connection.pending;
      for (const item of pending) this.offer(connection, item);
    }
  }

  private offer(connection: Connection, item: StoredNotification & { feedSeq: number }): void {
    if (!audienceIncludes(item.notification.audience, connection.reader)) return;
    if (connection.pending) connection.pending.push(item);
    else this.send(connection, item);
  }

  private send(connection: Connection, item: StoredNotification & { feedSeq: number }): void {
    if (item.feedSeq <= connection.lastSent) return;
    connection.lastSent = item.feedSeq;
    connection.sink.deliver(item);
  }
}
