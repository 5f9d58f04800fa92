import type { Notification } from '../domain/notification';
import type { StoredNotification } from '../infrastructure/notification.repository';

/** Its dates as JSON has them; distributed over the subjects, so a ticket's stays a ticket's. */
type WireNotification<N = Notification> = N extends Notification ? Omit<N, 'dueAt' | 'occurredAt'> & { readonly dueAt?: string; readonly occurredAt: string } : never;

/** A notification as it travels on the feed channel between replicas. */
interface FeedMessage {
  readonly feedSeq: number;
  readonly seq: number;
  readonly notification: WireNotification;
}

/** A stored notification as the feed carries it: with its stream id, once it has one. */
export function onTheFeed(item: StoredNotification): (StoredNotification & { feedSeq: number }) | undefined {
  return item.feedSeq === undefined ? undefined : { ...item, feedSeq: item.feedSeq };
}

export function feedMessageOf(item: StoredNotification & { feedSeq: number }): string {
  const { dueAt, occurredAt, ...rest } = item.notification;
  const message: FeedMessage = {
    feedSeq: item.feedSeq,
    seq: item.seq,
    notification: { ...rest, ...(dueAt ? { dueAt: dueAt.toISOString() } : {}), occurredAt: occurredAt.toISOString() },
  };
  return JSON.stringify(message);
}

/** The relay wrote what this reads; anything else on the channel is not ours and is dropped. */
export function storedOf(message: string): (StoredNotification & { feedSeq: number }) | undefined {
  try {
    const parsed = JSON.parse(message) as FeedMessage;
    if (typeof parsed.feedSeq !== 'number' || typeof parsed.notification?.id !== 'string') return undefined;
    const { dueAt, occurredAt, ...rest } = parsed.notification;
    return {
      feedSeq: parsed.feedSeq,
      seq: parsed.seq,
      notification: { ...rest, ...(dueAt ? { dueAt: new Date(dueAt) } : {}), occurredAt: new Date(occurredAt) },
    };
  } catch {
    return undefined;
  }
}
