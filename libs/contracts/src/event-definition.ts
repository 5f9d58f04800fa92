import type { Static, TSchema } from '@sinclair/typebox';
import type { TopicName } from './topics';

/**
 * The contract of one event type: its versioned CloudEvents `type`, the topic it is
 * published on, what aggregate its subject names, and the JSON Schema of its data.
 */
export interface EventDefinition<Type extends string = string, Schema extends TSchema = TSchema> {
  readonly type: Type;
  readonly topic: TopicName;
  readonly aggregate: string;
  readonly summary: string;
  readonly schema: Schema;
}

export function defineEvent<Type extends string, Schema extends TSchema>(
  definition: EventDefinition<Type, Schema>,
): EventDefinition<Type, Schema> {
  return definition;
}

export type EventData<Definition> = Definition extends EventDefinition<string, infer S> ? Static<S> : never;
