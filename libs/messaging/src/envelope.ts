import { randomUUID } from 'node:crypto';
import type { EventData, EventDefinition } from '@cs/contracts';
import { presentProps } from '@cs/ddd';

/**
 * A domain event as CloudEvents 1.0 sees it. On Kafka it travels in binary mode: the
 * attributes are `ce_*` headers, the data is the JSON value, the subject is the key.
 */
export interface DomainEvent<Data = unknown> {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  /** Aggregate id; also the Kafka message key, so one aggregate's events stay ordered. */
  readonly subject: string;
  readonly time: string;
  readonly data: Data;
  readonly traceparent?: string;
}

/** The event a contract describes, as a handler receives it. */
export type EventOf<Definition> = DomainEvent<EventData<Definition>>;

export interface KafkaRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function newEvent<D extends EventDefinition>(
  definition: D,
  init: { source: string; subject: string; data: EventData<D>; time?: Date; id?: string; traceparent?: string },
): DomainEvent<EventData<D>> {
  return {
    id: init.id ?? randomUUID(),
    type: definition.type,
    source: init.source,
    subject: init.subject,
    time: (init.time ?? new Date()).toISOString(),
    data: init.data,
    ...presentProps({ traceparent: init.traceparent }),
  };
}

export function toKafkaRecord(topic: string, event: DomainEvent): KafkaRecord {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_subject: event.subject,
    ce_time: event.time,
    'content-type': 'application/json',
  };
  if (event.traceparent) headers['traceparent'] = event.traceparent;
  return { topic, key: event.subject, value: JSON.stringify(event.data), headers };
}

type RawHeaders = Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;

export function headerText(headers: RawHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : first.toString();
}

/** All headers as text, first value of each: the form they are copied and republished in. */
export function headerRecord(headers: RawHeaders | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = headerText(headers, name);
    if (value !== undefined) record[name] = value;
  }
  return record;
}

/**
 * The type a binary-mode CloudEvent declares in its headers, read without its body; undefined
 * when the headers do not make it one (which {@link fromKafkaMessage} then says why).
 */
export function declaredEventType(message: { headers?: RawHeaders }): string | undefined {
  if (headerText(message.headers, 'ce_specversion') !== '1.0') return undefined;
  return headerText(message.headers, 'ce_type') || undefined;
}

/** Reads a binary-mode CloudEvent; anything that is not one is an EnvelopeError, never a crash. */
export function fromKafkaMessage(message: { key?: Buffer | null; value: Buffer | null; headers?: RawHeaders }): DomainEvent {
  const attr = (name: string): string => {
    const value = headerText(message.headers, `ce_${name}`);
    if (!value) throw new EnvelopeError(`missing CloudEvents header ce_${name}`);
    return value;
  };
  if (attr('specversion') !== '1.0') throw new EnvelopeError(`unsupported ce_specversion ${attr('specversion')}`);
  if (!message.value) throw new EnvelopeError('message has no value');
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw new EnvelopeError('message value is not JSON');
  }
  const traceparent = headerText(message.headers, 'traceparent');
  return {
    id: attr('id'),
    type: attr('type'),
    source: attr('source'),
    subject: headerText(message.headers, 'ce_subject') ?? message.key?.toString() ?? '',
    time: attr('time'),
    data,
    ...presentProps({ traceparent }),
  };
}
