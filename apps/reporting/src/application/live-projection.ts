import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@cs/messaging';
import type { InboxContext } from '@cs/platform';
import { SHADOW_TABLES } from '../infrastructure/projection-tables';
import { projectEvents } from './project-event';
import { RebuildProjections } from './rebuild-projections';

interface Gathered {
  readonly event: DomainEvent;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * The read model kept up to date from live events. The events a consumer transaction takes in are
 * gathered and projected together just before it commits, as a rebuild projects a chunk: each
 * ticket and callback read and written once, one netted change to the rollups, the calendar and
 * the running rebuild asked once — whatever the number of events, where each event alone cost
 * the same statements again.
 */
@Injectable()
export class LiveProjection {
  private readonly gathering = new WeakMap<EntityManager, Gathered[]>();

  constructor(private readonly rebuilds: RebuildProjections) {}

  add(event: DomainEvent, context: InboxContext): void {
    const tx = context.tx;
    let gathered = this.gathering.get(tx);
    if (!gathered) {
      const fresh: Gathered[] = [];
      this.gathering.set(tx, fresh);
      context.beforeCommit(this, () => this.project(tx, fresh));
      gathered = fresh;
    }
    gathered.push({ event, topic: context.topic, partition: context.partition, offset: context.offset });
  }

  private async project(tx: EntityManager, gathered: readonly Gathered[]): Promise<void> {
    this.gathering.delete(tx);
    await projectEvents(tx, gathered.map((g) => g.event));
    const shadow = await this.rebuilds.pastItsEnd(tx, gathered);
    if (shadow.length > 0) await projectEvents(tx, shadow.map((g) => g.event), SHADOW_TABLES);
  }
}
