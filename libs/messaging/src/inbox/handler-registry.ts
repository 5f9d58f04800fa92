import type { EntityManager } from 'typeorm';
import type { EventData, EventDefinition } from '@cs/contracts';
import type { DomainEvent } from '../envelope';

/** A handler's effects and the inbox row commit in the one transaction it is given. */
export type EventHandler<Data> = (event: DomainEvent<Data>, tx: EntityManager) => Promise<void>;

interface Registration {
  readonly definition: EventDefinition;
  readonly handle: EventHandler<unknown>;
}

/** The event types a consumer group handles; every other type on its topics is skipped. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, Registration>();

  on<D extends EventDefinition>(definition: D, handle: EventHandler<EventData<D>>): this {
    if (this.handlers.has(definition.type)) throw new Error(`a handler for ${definition.type} is already registered`);
    this.handlers.set(definition.type, { definition, handle: handle as EventHandler<unknown> });
    return this;
  }

  find(type: string): Registration | undefined {
    return this.handlers.get(type);
  }

  topics(): string[] {
    return [...new Set([...this.handlers.values()].map((r) => r.definition.topic))];
  }
}
