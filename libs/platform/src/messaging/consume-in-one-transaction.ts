import type { DataSource } from 'typeorm';
import { findEventDefinition } from '@cs/contracts';
import { BeforeCommit, type DomainEvent, ToldOnCommit } from '@cs/messaging';
import { answersAhead } from '@cs/persistence';
import { InboxContext } from './inbox-context';

/** An event and how the consumer hands it to its handler. */
export type ConsumerStep = readonly [DomainEvent, (context: InboxContext) => Promise<void> | void];

/**
 * Handles events as the inbox consumer does (ADR 0027, 0046, 0062): in order, in one transaction,
 * each handler given an InboxContext over it; what handlers gathered is written before an event
 * that must see it, and last before the commit; what they tell on commit, once it committed. Each event is taken as read from its contract's
 * topic, so those writes come where the consumer's would. For callers that hand events to
 * `@EventPattern` handlers themselves rather than through the transport, as the services' tests do.
 */
export async function consumeInOneTransaction(dataSource: DataSource, steps: readonly ConsumerStep[]): Promise<void> {
  const told = new ToldOnCommit();
  await dataSource.transaction(async (tx) => {
    const end = new BeforeCommit();
    const types = new Set(steps.map(([event]) => event.type));
    for (const [offset, [event, handle]] of steps.entries()) {
      const topic = findEventDefinition(event.type)?.topic;
      if (!topic) throw new Error(`no contract names the topic of ${event.type}`);
      await end.before(event.type, topic);
      await answersAhead(tx);
      await handle(new InboxContext([event, { tx, topic, partition: 0, offset: String(offset), attempt: 1, beforeCommit: end.add, types, afterCommit: told.add }]));
      await answersAhead(tx);
    }
    await end.run();
  });
  told.tell();
}
