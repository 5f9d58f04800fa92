import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@cs/messaging';
import { Gathering, type InboxContext } from '@cs/platform';
import { SHADOW_TABLES } from '../infrastructure/projection-tables';
import { PROJECTED_TYPES, projectEvents } from './project-event';
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
  private readonly gathering = new Gathering<Gathered>(PROJECTED_TYPES, (tx, gathered) => this.project(tx, gathered));

  constructor(private readonly rebuilds: RebuildProjections) {}

  add(event: DomainEvent, context: InboxContext): void {
    this.gathering.add(context, { event, topic: context.topic, partition: context.partition, offset: context.offset });
  }

  private async project(tx: EntityManager, gathered: readonly Gathered[]): Promise<void> {
    await projectEvents(tx, gathered.map((g) => g.event));
    const shadow = await this.rebuilds.forShadow(tx, gathered);
    if (shadow.length > 0) await projectEvents(tx, shadow.map((g) => g.event), SHADOW_TABLES);
  }
}
