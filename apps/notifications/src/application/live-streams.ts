import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@cs/observability';
import { LOGGER } from '@cs/platform';
import { DataSource } from 'typeorm';
import { Reader, audienceIncludes } from '../domain/audience';
import { InboxMark, MARKS_KEPT, readByMarks } from '../domain/inbox-mark';
import { FeedChannel } from '../infrastructure/feed-channel';
import { InboxMarkRepository } from '../infrastructure/inbox-mark.repository';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { DeskView, Reading, UNREAD_REMEMBERED, listedReading } from './desk-view';
import { FeedItem, Heard, HeardRead, heardOnChannel, onTheFeed } from './feed-item';

export { UNREAD_REMEMBERED } from './desk-view';

/** Where a live stream's notifications go: the HTTP side writes them as server-sent events. */
export interface StreamSink {
  deliver(item: FeedItem): void;
  /** The stream's reader marked read a notification it was sent unread. */
  deliverRead(notificationId: string, readAt: Date): void;
  /** Resolves once the client has taken enough of what it was sent for more to follow, or the stream closed. */
  drained(): Promise<void>;
  close(): void;
  /** Closes the stream: more waits for its client than it keeps (counted as an overflow when its client has not taken what it was sent). */
  closeBehind(): void;
  onClose(callback: () => void): void;
}

interface Connection {
  readonly reader: Reader;
  readonly sink: StreamSink;
  /** Where the stream began: its Last-Event-ID, or the latest heard when it opened. Nothing before it is sent. */
  readonly since: number;
  /** The latest stream id sent. */
  lastSent: number;
  /** Stream ids above the replica's watermark sent on this stream: what a late one is checked against. */
  readonly recent: Set<number>;
  /** Live notifications that arrived while the missed ones were still being read or sent: `PENDING_MAX` at most. */
  pending?: FeedItem[];
  /** Stream ids the reader marked read before the stream sent them: each goes out read when it does. */
  readonly readFirst: Map<number, Date>;
  /**
   * What the desk shows of what the stream sent, or its earlier connection did: a "mark all read"
   * from another window is told only for these (ADR 0149), and no read later than one told.
   */
  readonly desk: DeskView;
  /** The reader's "mark all read" marks heard while it was open, the latest first: what it sends later under them goes out read. */
  readonly marks: InboxMark[];
}

/** One read of what a stream, or the replica, missed. */
const REPLAY_PAGE = 500;
/**
 * What one stream replays at most before it is closed, so the client reconnects from where the
 * replay got to (its Last-Event-ID) rather than one request reading a week of alerts at once.
 */
const REPLAY_MAX = 10 * REPLAY_PAGE;
/**
 * What a stream keeps of what arrives live while it replays, a page: a replay waiting for a slow
 * client to take what it was sent keeps them meanwhile. One more and the stream is closed, its
 * client a page behind on top of what it holds unsent; it resumes from its Last-Event-ID, and
 * gets them from Postgres (ADR 0179).
 */
export const PENDING_MAX = REPLAY_PAGE;
/** How often each replica looks in Postgres for notifications its channel did not bring. */
export const CATCH_UP_MS = 5_000;

/**
 * 实时推送 — live desks. Every replica hands what the feed channel brings (RelayLiveFeed puts
 * it there) to the streams it holds whose reader the notification reaches. A stream that
 * reconnects with Last-Event-ID first gets what it missed from Postgres, page by page.
 *
 * The channel keeps no copy: a publish that failed (Redis down) or a message this replica's
 * subscriber missed (while it reconnected) never comes, and a later one may. So the replica keeps
 * a watermark — every stream id up to it was heard, or read from Postgres — and the ids it heard
 * above it. Every few seconds it looks at what Postgres held at its last look: if an id up to there
 * was not heard, it reads those notifications (one query for all its streams) and hands them on
 * late to each stream they reach and did not get; then the watermark moves up.
 *
 * What the channel brings is unread for everyone, unless the relay flags that some reader read it
 * before its stream id: those are looked up for the streams' readers first (ADR 0095), and what
 * the channel brings after them waits for the look-up, so the live path keeps the stream ids'
 * order. Only what the catch-up reads late comes after later ones (ADR 0143).
 */
@Injectable()
export class LiveStreams implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly connections = new Set<Connection>();
  private stopListening?: () => void;
  private catchUpTimer?: NodeJS.Timeout;
  /** Every stream id up to here was heard on the channel or read from Postgres. */
  private watermark = 0;
  /** Stream ids heard above the watermark. */
  private readonly heard = new Set<number>();
  /** The highest stream id heard or read. */
  private latestHeard = 0;
  /** The latest stream id in Postgres at the last look. */
  private seen = 0;
  private looking = false;
  /** What the channel brought while a look-up of read state ran, in the order it came. */
  private readonly inbound: Heard[] = [];
  private lookingUp = false;
  /**
   * The "mark all read" marks heard whose message has not had its turn in the queue yet: a stream
   * opened meanwhile takes them, as the streams open when they came did, so what waits in the
   * queue under them goes out read on it too.
   */
  private readonly marksQueued = new Set<InboxMark>();
  /** Shutdown closed every stream: one whose opening was still reading where it starts is closed as it registers. */
  private shutDown = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly channel: FeedChannel,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly marks: InboxMarkRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Streams opened from now on start after what is already in Postgres.
    this.watermark = this.seen = this.latestHeard = await this.notifications.latestFeedSeq(this.dataSource.manager);
    this.stopListening = this.channel.listen((message) => {
      const heard = heardOnChannel(message);
      if (!heard) return;
      // A mark applies at once, not in its turn: what waits in the queue before it goes out read.
      if ('read' in heard && heard.read.all) {
        this.marksQueued.add(heard.read.all);
        this.tellMarkedAll(heard.read.all);
      }
      this.inbound.push(heard);
      if (!this.lookingUp) this.handOnInbound().catch((error: unknown) => this.logger.warn({ err: error }, 'live feed: could not hand on what the channel brought'));
    });
    this.catchUpTimer = setInterval(() => void this.lookForMissed(), CATCH_UP_MS);
    this.catchUpTimer.unref();
  }

  /** Open streams never end by themselves; they are closed before the HTTP server waits for them. */
  beforeApplicationShutdown(): void {
    this.shutDown = true;
    clearInterval(this.catchUpTimer);
    this.stopListening?.();
    this.connections.forEach((connection) => connection.sink.close());
    this.connections.clear();
    this.marksQueued.clear();
  }

  get openStreams(): number {
    return this.connections.size;
  }

  /** How many notifications the stream on `sink` remembers its desk's state of, to tell their reads; undefined once it is closed. */
  rememberedOn(sink: StreamSink): number | undefined {
    for (const connection of this.connections) if (connection.sink === sink) return connection.desk.remembered;
    return undefined;
  }

  /** Starts a stream; with `afterFeedSeq` (its Last-Event-ID) it first gets what it missed. */
  async open(reader: Reader, sink: StreamSink, afterFeedSeq?: number): Promise<void> {
    if (afterFeedSeq === undefined) {
      this.register(reader, sink, this.latestHeard);
      return;
    }
    let connection: Connection | undefined;
    try {
      connection = this.register(reader, sink, await this.placeOf(afterFeedSeq));
      if (connection) await this.replay(connection);
    } catch (error) {
      // Where it resumes, or what it missed, could not be read: left open, the stream would hear
      // only heartbeats until its token expired, or carry on past what it missed for good.
      // Closed, the client reconnects with the same Last-Event-ID.
      if (connection) this.connections.delete(connection);
      sink.close();
      throw error;
    }
  }

  /**
   * Undefined, its sink closed, once shutdown began: a stream whose opening was still reading where
   * it starts when shutdown closed the others would otherwise stay open, and the HTTP server would
   * wait for it until the forced exit. Its client reconnects, to a replica that is up.
   */
  private register(reader: Reader, sink: StreamSink, since: number): Connection | undefined {
    if (this.shutDown) {
      sink.close();
      return undefined;
    }
    const connection: Connection = { reader, sink, since, lastSent: since, recent: new Set(), readFirst: new Map(), desk: new DeskView(since), marks: [] };
    for (const mark of this.marksQueued) if (mark.reader.sub === reader.sub && mark.upTo > since) this.keepMark(connection, mark);
    this.connections.add(connection);
    sink.onClose(() => this.connections.delete(connection));
    return connection;
  }

  /**
   * Where a stream resuming from `afterFeedSeq` goes on from: there, unless it is past every
   * notification Postgres holds — the schema restored from a backup, or another deployment's id
   * — when it goes on from now. Taken as it was, the stream would get nothing live until new
   * notifications passed that id, days later perhaps.
   */
  private async placeOf(afterFeedSeq: number): Promise<number> {
    if (afterFeedSeq <= this.latestHeard) return afterFeedSeq;
    return Math.min(afterFeedSeq, await this.notifications.latestFeedSeq(this.dataSource.manager));
  }

  /**
   * One look for notifications the channel did not bring: those in Postgres at the last look (a
   * message on its way is heard by the next) and not heard are read, and handed on late.
   */
  async lookForMissed(): Promise<void> {
    if (this.looking) return;
    this.looking = true;
    try {
      const upTo = this.seen;
      this.seen = await this.notifications.latestFeedSeq(this.dataSource.manager);
      if (upTo <= this.watermark) return;
      const heardBelow = [...this.heard].filter((seq) => seq <= upTo);
      if (heardBelow.length < upTo - this.watermark) await this.readMissed(upTo, heardBelow);
      this.moveWatermark(upTo);
    } catch (error) {
      this.logger.warn({ err: error }, 'live feed: could not look for notifications the channel missed; looking again');
    } finally {
      this.looking = false;
    }
  }

  /**
   * Reads the notifications up to `upTo` above the watermark that were not heard, and hands each on
   * late, read or unread for each stream's reader as their inbox lists it: a reader may have read
   * it, singly or by marking all read, before it reached them.
   */
  private async readMissed(upTo: number, heard: readonly number[]): Promise<void> {
    for (let after = this.watermark; ; ) {
      const page = await this.notifications.feedBetween(this.dataSource.manager, after, upTo, heard, REPLAY_PAGE);
      await this.handOnAsRead(page.map(onTheFeed).filter((item): item is FeedItem => item !== undefined));
      const last = page[page.length - 1]?.feedSeq;
      if (page.length < REPLAY_PAGE || last === undefined) return;
      after = last;
    }
  }

  /**
   * Hands on what the channel brought, in the order it came. A live notification a reader read
   * while it waited for its stream id goes to each stream read or unread as its reader's inbox
   * lists it; what came with it or after it waits for that look-up, so a stream gets the live
   * notifications in stream id order, and those brought meanwhile are looked up together, one read
   * for all, as the catch-up reads a page. A flagged one is heard only once sent: one whose look-up
   * failed is left to the catch-up, which reads it from Postgres with the same read state. With
   * nothing flagged, all is handed on at once, with no read of Postgres.
   */
  private async handOnInbound(): Promise<void> {
    this.lookingUp = true;
    try {
      while (this.inbound.length > 0) {
        const messages = this.inbound.splice(0, REPLAY_PAGE);
        const flagged = messages.flatMap((heard) => ('notification' in heard && heard.notification.readBefore ? [heard.notification.item] : []));
        const readState = flagged.length > 0 ? await this.readStateOf(flagged).catch((error: unknown) => this.lookUpFailed(error, flagged.length)) : undefined;
        for (const message of messages) {
          // One message this release cannot hand on (a shape of a release after it) loses only itself.
          try {
            this.handOn(message, readState);
          } catch (error) {
            this.logger.warn({ err: error }, 'live feed: could not hand on a message of the channel; passed by');
          }
        }
      }
    } finally {
      this.lookingUp = false;
    }
  }

  private lookUpFailed(error: unknown, notifications: number): undefined {
    this.logger.warn({ err: error, notifications }, 'live feed: could not read whether the readers read these; the catch-up sends them');
    return undefined;
  }

  /** One message of the channel: a reader's read marks, or a notification (a flagged one as `readState` answers it, left to the catch-up without). */
  private handOn(heard: Heard, readState: ((reader: Reader, item: FeedItem) => FeedItem) | undefined): void {
    if ('read' in heard) {
      const { userId, reads, all } = heard.read;
      if (all) this.marksQueued.delete(all);
      this.connections.forEach((connection) => this.tellRead(connection, userId, reads));
      return;
    }
    const { item, readBefore } = heard.notification;
    if (!readBefore) {
      this.hear(item.feedSeq);
      this.connections.forEach((connection) => this.offer(connection, item));
    } else if (readState) {
      this.hear(item.feedSeq);
      this.connections.forEach((connection) => this.offer(connection, readState(connection.reader, item)));
    }
  }

  /** Hands these on to every stream they reach, each read or unread as that stream's reader has it. */
  private async handOnAsRead(items: readonly FeedItem[]): Promise<void> {
    const readState = await this.readStateOf(items);
    for (const item of items) {
      this.hear(item.feedSeq);
      this.connections.forEach((connection) => this.offer(connection, readState(connection.reader, item)));
    }
  }

  /** Reads, for the readers of the streams these items reach, their read marks and "mark all read" marks, and answers each item as one reader has it. */
  private async readStateOf(items: readonly FeedItem[]): Promise<(reader: Reader, item: FeedItem) => FeedItem> {
    const readers = [...this.connections].map((connection) => connection.reader).filter((reader) => items.some((item) => audienceIncludes(item.notification.audience, reader)));
    const userIds = [...new Set(readers.map((reader) => reader.sub))];
    if (userIds.length === 0) return (_reader, item) => item;
    const db = this.dataSource.manager;
    // Marks first: a marking past MARKS_KEPT drops a mark and writes its read marks in one commit,
    // so marks read before it still cover what it folds, while read marks read before it and marks
    // after would leave a notification only the folded mark read unread.
    const marks = await this.marks.findAll(db, userIds);
    const reads = await this.notifications.readsOf(db, items.map((item) => item.notification.id), userIds);
    return (reader, item) => {
      const readSingly = reads.get(reader.sub)?.get(item.notification.id);
      if (readSingly) return { ...item, readAt: readSingly, readSingly: true };
      const readAt = readByMarks(item.notification.audience, item.feedSeq, marks.get(reader.sub) ?? []);
      return readAt ? { ...item, readAt } : item;
    };
  }

  private hear(seq: number): void {
    if (seq > this.watermark) this.heard.add(seq);
    this.latestHeard = Math.max(this.latestHeard, seq);
  }

  /**
   * Below the watermark every notification went to each stream it reaches, but to a stream still
   * replaying, which holds them: what its reader read first is kept for those until it sends them.
   */
  private moveWatermark(to: number): void {
    this.watermark = to;
    for (const seq of this.heard) if (seq <= to) this.heard.delete(seq);
    for (const connection of this.connections) {
      for (const seq of connection.recent) if (seq <= to) connection.recent.delete(seq);
      if (!connection.pending) for (const seq of connection.readFirst.keys()) if (seq <= to) connection.readFirst.delete(seq);
    }
  }

  /**
   * What the stream's reader marked read once it had its stream id (ADR 0143): the stream may have
   * sent it unread (it waited for the relay's claim, or it was read elsewhere), so a read update
   * follows; one it has not sent yet (a flagged look-up, the catch-up, a replay under way) goes out
   * read when it does. Only the reader's own streams that it reaches hear of it.
   */
  private tellRead(connection: Connection, userId: string, reads: readonly HeardRead[]): void {
    if (connection.reader.sub !== userId) return;
    for (const read of reads) {
      if (!audienceIncludes(read.audience, connection.reader)) continue;
      if (connection.desk.remembers(read.feedSeq)) {
        if (connection.desk.readAt(read.feedSeq, read.readAt, true)) connection.sink.deliverRead(read.id, read.readAt);
      } else if (read.feedSeq <= connection.since) {
        // Resuming, the stream has yet to learn what its earlier connection was sent: it takes this then.
        if (connection.pending) connection.readFirst.set(read.feedSeq, read.readAt);
      } else if (this.sentOn(connection, read.feedSeq)) {
        connection.desk.shows(read.feedSeq, { id: read.id, audience: read.audience, readAt: read.readAt, singly: true });
        connection.sink.deliverRead(read.id, read.readAt);
      } else connection.readFirst.set(read.feedSeq, read.readAt);
    }
  }

  /**
   * A "mark all read" of a reader (ADR 0149), on each of their streams here: what a stream sent
   * unread that the mark covers (up to its stream id, in the scope it was marked with) is told read
   * at once, and what it sends later that the mark covers — waiting behind a look-up, in the
   * catch-up, in a replay — goes out read.
   */
  private tellMarkedAll(mark: InboxMark): void {
    for (const connection of this.connections) {
      if (connection.reader.sub !== mark.reader.sub) continue;
      // Resuming, the stream checks what its earlier connection was sent against it too.
      if (mark.upTo > connection.since || connection.pending) this.keepMark(connection, mark);
      for (const shown of connection.desk.coveredBy(mark)) connection.sink.deliverRead(shown.id, mark.at);
    }
  }

  /** What the stream sends under `mark` from now on goes out read; it keeps the latest `MARKS_KEPT`. */
  private keepMark(connection: Connection, mark: InboxMark): void {
    connection.marks.unshift(mark);
    connection.marks.splice(MARKS_KEPT);
  }

  /** Whether the stream sent this stream id, which began after it and reaches its reader. */
  private sentOn(connection: Connection, seq: number): boolean {
    return seq <= this.watermark ? seq <= connection.lastSent : connection.recent.has(seq);
  }

  /**
   * Sends a stream what Postgres holds for its reader after what it was last sent, page by page;
   * live notifications arriving meanwhile wait, then follow in order. A stream with more to
   * replay than one request should send is closed there, to reconnect from where it got to.
   * Before each page, and before what waited, the stream's client takes enough of what it was sent
   * (ADR 0179): a desk on a slow link gets the whole replay instead of meeting the stream's bound.
   */
  private async replay(connection: Connection): Promise<void> {
    if (connection.pending) return;
    connection.pending = [];
    try {
      // What the reader marked read meanwhile is replayed as read, as their inbox lists it.
      const marks = await this.marks.find(this.dataSource.manager, connection.reader.sub);
      await this.tellReadSinceResumed(connection, marks);
      for (let replayed = 0; this.connections.has(connection); ) {
        const page = await this.notifications.feedAfter(this.dataSource.manager, connection.reader, marks, connection.lastSent, REPLAY_PAGE);
        for (const item of page) {
          const missed = onTheFeed(item);
          if (missed) this.send(connection, missed);
        }
        replayed += page.length;
        if (page.length === REPLAY_PAGE && replayed >= REPLAY_MAX) {
          this.connections.delete(connection);
          connection.sink.close();
          return;
        }
        await connection.sink.drained();
        if (page.length < REPLAY_PAGE) break;
      }
    } finally {
      const pending = connection.pending ?? [];
      delete connection.pending;
      if (this.connections.has(connection)) for (const item of pending) this.offer(connection, item);
    }
  }

  /**
   * A stream resuming from its Last-Event-ID: of the last `UNREAD_REMEMBERED` notifications up to
   * there that reach its reader (what its earlier connection may have sent), those read after that
   * id was recorded are told read at the inbox's time, as that connection would have been told had
   * it stayed; what was read before, it was told, or sent read. Those still unread are remembered,
   * to be told when they are read, and let go once told (ADR 0168); the rest are not kept. Read from
   * Postgres, so a read whose message Redis lost is told too.
   */
  private async tellReadSinceResumed(connection: Connection, marks: readonly InboxMark[]): Promise<void> {
    const db = this.dataSource.manager;
    const recordedAt = await this.notifications.recordedAtOfFeed(db, connection.since);
    if (!recordedAt) return;
    const window = await this.notifications.feedUpTo(db, connection.reader, marks, connection.since, UNREAD_REMEMBERED);
    for (const item of window.map(onTheFeed).reverse()) {
      if (!item || !this.connections.has(connection)) continue;
      const { id, audience } = item.notification;
      // Read while this was read, its message heard meanwhile: told now, as the inbox lists it with that reading.
      const shown = { id, audience, ...(item.readAt && item.readAt <= recordedAt ? { readAt: item.readAt, singly: item.readSingly === true } : {}) };
      const told = connection.desk.inherits(item.feedSeq, shown, this.listedReading(connection, item));
      if (told) connection.sink.deliverRead(id, told.at);
    }
  }

  private offer(connection: Connection, item: FeedItem): void {
    if (!audienceIncludes(item.notification.audience, connection.reader)) return;
    if (!connection.pending) this.send(connection, item);
    else if (connection.pending.length < PENDING_MAX) connection.pending.push(item);
    else {
      // Nothing is lost: what it kept and this are in Postgres, where it resumes from its Last-Event-ID.
      this.connections.delete(connection);
      connection.pending = [];
      connection.sink.closeBehind();
    }
  }

  /**
   * Once per stream: nothing from before the stream began; below the watermark, in order (what
   * was sent there came in order); above it, by the ids sent — one the catch-up read late (the
   * channel lost it) comes after later ones.
   */
  private send(connection: Connection, item: FeedItem): void {
    const seq = item.feedSeq;
    if (seq <= connection.since) return;
    if (this.sentOn(connection, seq)) return;
    if (seq > this.watermark) connection.recent.add(seq);
    connection.lastSent = Math.max(connection.lastSent, seq);
    const reading = this.listedReading(connection, item);
    const readAt = reading?.at;
    connection.desk.shows(seq, { id: item.notification.id, audience: item.notification.audience, ...(reading ? { readAt: reading.at, singly: reading.singly } : {}) });
    connection.sink.deliver(readAt === item.readAt ? item : { ...item, ...(readAt ? { readAt } : {}) });
  }

  /**
   * When the inbox lists `item` read, with what the stream heard of it before it had it: as read
   * then (`item.readAt`), a read mark of the reader's own heard first, the stream's marks. Takes
   * the read heard first, which is then told or sent.
   */
  private listedReading(connection: Connection, item: FeedItem): Reading | undefined {
    const readFirst = connection.readFirst.get(item.feedSeq);
    connection.readFirst.delete(item.feedSeq);
    const byMarks = readByMarks(item.notification.audience, item.feedSeq, connection.marks);
    return listedReading([
      item.readAt && { at: item.readAt, singly: item.readSingly === true },
      readFirst && { at: readFirst, singly: true },
      byMarks && { at: byMarks, singly: false },
    ]);
  }
}
