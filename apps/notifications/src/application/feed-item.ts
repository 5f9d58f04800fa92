import type { Audience } from '../domain/audience';
import type { InboxMark } from '../domain/inbox-mark';
import type { Notification } from '../domain/notification';
import type { StoredNotification } from '../infrastructure/notification.repository';

/** Its dates as JSON has them; distributed over the subjects, so a ticket's stays a ticket's. */
type WireNotification<N = Notification> = N extends Notification ? Omit<N, 'dueAt' | 'occurredAt'> & { readonly dueAt?: string; readonly occurredAt: string } : never;

/** A notification as it travels on the feed channel between replicas. */
interface FeedMessage {
  readonly feedSeq: number;
  readonly seq: number;
  readonly notification: WireNotification;
  /** Some reader had read it when it was given its stream id; absent from a relay of a release before. */
  readonly readBefore?: true;
}

/**
 * A "mark all read" as the streams need it (ADR 0149): the scope the reader marked with (roles,
 * projects, department: never the users a notification names), the stream id it reaches and when.
 */
interface WireMark {
  readonly roles: readonly string[];
  readonly projects?: readonly string[];
  readonly department?: string;
  readonly upTo: number;
  readonly at: string;
}

/**
 * A reader's read marks of notifications that may have gone out on the streams unread: their
 * stream ids, and their audiences, so each replica tells only the reader's streams they reached;
 * from marking all read, its mark too (`all`, which a replica of a release before ignores).
 */
interface ReadMessage {
  readonly read: {
    readonly userId: string;
    readonly notifications: readonly { readonly id: string; readonly feedSeq: number; readonly audience: Audience; readonly readAt: string }[];
    readonly all?: WireMark;
  };
}

/** A stored notification with its stream id: what the live streams send. */
export type FeedItem = StoredNotification & { feedSeq: number };

/**
 * A notification as the channel brings it. `readBefore`: some reader had read it (singly, or by
 * marking all read) while it waited for its stream id, so each stream's reader must be looked up;
 * otherwise it is unread for everyone.
 */
export interface HeardItem {
  readonly item: FeedItem;
  readonly readBefore: boolean;
}

/** A notification a reader marked read once it had its stream id, as the channel brings it. */
export interface HeardRead {
  readonly id: string;
  readonly feedSeq: number;
  readonly audience: Audience;
  readonly readAt: Date;
}

/** A stored notification as the feed carries it: with its stream id, once it has one. */
export function onTheFeed(item: StoredNotification): FeedItem | undefined {
  return item.feedSeq === undefined ? undefined : { ...item, feedSeq: item.feedSeq };
}

export function feedMessageOf(item: FeedItem, readBefore = false): string {
  const { dueAt, occurredAt, ...rest } = item.notification;
  const message: FeedMessage = {
    feedSeq: item.feedSeq,
    seq: item.seq,
    notification: { ...rest, ...(dueAt ? { dueAt: dueAt.toISOString() } : {}), occurredAt: occurredAt.toISOString() },
    ...(readBefore ? { readBefore: true } : {}),
  };
  return JSON.stringify(message);
}

/** The user's read marks of these notifications, each numbered and read (`readAt`), and the mark of their marking all read, if it was one. */
export function readMessageOf(userId: string, items: readonly FeedItem[], all?: InboxMark): string {
  const notifications = items.flatMap((item) => (item.readAt ? [{ id: item.notification.id, feedSeq: item.feedSeq, audience: item.notification.audience, readAt: item.readAt.toISOString() }] : []));
  const message: ReadMessage = { read: { userId, notifications, ...(all ? { all: wireMarkOf(all) } : {}) } };
  return JSON.stringify(message);
}

function wireMarkOf({ reader, upTo, at }: InboxMark): WireMark {
  return { roles: reader.roles, ...(reader.projects ? { projects: reader.projects } : {}), ...(reader.department ? { department: reader.department } : {}), upTo, at: at.toISOString() };
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The mark as `wireMarkOf` wrote it, for `userId`; anything else is not one. */
function markHeardOf(userId: string, wire: Partial<WireMark> | undefined): InboxMark | undefined {
  if (!wire || !isStrings(wire.roles) || typeof wire.upTo !== 'number' || typeof wire.at !== 'string') return undefined;
  if ((wire.projects !== undefined && !isStrings(wire.projects)) || (wire.department !== undefined && typeof wire.department !== 'string')) return undefined;
  const at = new Date(wire.at);
  if (Number.isNaN(at.getTime())) return undefined;
  const reader = { sub: userId, roles: wire.roles, ...(wire.projects ? { projects: wire.projects } : {}), ...(wire.department !== undefined ? { department: wire.department } : {}) };
  return { reader, upTo: wire.upTo, at };
}

/** A reader's read marks, as the channel brings them; `all`: the mark of their marking all read. */
export interface HeardReads {
  readonly userId: string;
  readonly reads: readonly HeardRead[];
  readonly all?: InboxMark;
}

/** What the channel brings: a notification (`heardOf`) or a reader's read marks (`readHeardOf`); anything else is dropped. */
export type Heard = { readonly notification: HeardItem } | { readonly read: HeardReads };

export function heardOnChannel(message: string): Heard | undefined {
  const read = readHeardOf(message);
  if (read) return { read };
  const notification = heardOf(message);
  return notification ? { notification } : undefined;
}

/** A reader's read marks as `readMessageOf` wrote them; anything else is not one and is dropped. */
export function readHeardOf(message: string): HeardReads | undefined {
  try {
    const parsed = JSON.parse(message) as Partial<ReadMessage>;
    if (typeof parsed.read?.userId !== 'string' || !Array.isArray(parsed.read.notifications)) return undefined;
    const { userId } = parsed.read;
    const all = markHeardOf(userId, parsed.read.all);
    return { userId, reads: parsed.read.notifications.map((read) => ({ ...read, readAt: new Date(read.readAt) })), ...(all ? { all } : {}) };
  } catch {
    return undefined;
  }
}

/** The relay wrote what this reads; anything else on the channel is not ours and is dropped. */
export function heardOf(message: string): HeardItem | undefined {
  try {
    const parsed = JSON.parse(message) as FeedMessage;
    if (typeof parsed.feedSeq !== 'number' || typeof parsed.notification?.id !== 'string') return undefined;
    const { dueAt, occurredAt, ...rest } = parsed.notification;
    return {
      item: {
        feedSeq: parsed.feedSeq,
        seq: parsed.seq,
        notification: { ...rest, ...(dueAt ? { dueAt: new Date(dueAt) } : {}), occurredAt: new Date(occurredAt) },
      },
      readBefore: parsed.readBefore === true,
    };
  } catch {
    return undefined;
  }
}
