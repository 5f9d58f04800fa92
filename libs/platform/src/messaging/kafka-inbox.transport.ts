import { ArgumentsHost, BeforeApplicationShutdown, Catch, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Observable, isObservable, lastValueFrom, throwError } from 'rxjs';
import type { DataSource } from 'typeorm';
import { EVENT_CATALOG, EventDefinition, deadLetterTopic } from '@cs/contracts';
import {
  Delivery,
  DomainEvent,
  EventConsumer,
  EventConsumerOptions,
  EventDispatcher,
  PlatformKafka,
  RecordPublisher,
  ensureTopics,
} from '@cs/messaging';
import type { Logger, ServiceMetrics } from '@cs/observability';
import { isDependencyFailure } from '../problem/dependency-failure';
import { InboxContext } from './inbox-context';
import { keepTrying } from './keep-trying';

export interface KafkaInboxTransportOptions extends EventConsumerOptions {
  /** The contracts a pattern may name; the platform's event catalogue unless a test brings its own. */
  readonly contracts?: readonly EventDefinition[];
  /** Given when the service provisions its own topics: the consumed and dead-letter topics are created first. */
  readonly provisionTopics?: { readonly partitions: number; readonly replicationFactor: number };
}

export type KafkaInboxTransportStatus = 'connecting' | 'connected' | 'disconnected';

/**
 * Serves a service's `@EventPattern` handlers from its consumer group, with every guarantee of
 * {@link EventConsumer}: the inbox row commits in the handler's transaction, a failing handler is
 * retried with backoff and then dead-lettered (unless it failed because a dependency is
 * unreachable: that is retried until the dependency is back, ADR 0028), a message that breaks its contract is
 * dead-lettered untried, and stopping is bounded. The patterns are CloudEvents types; the
 * group subscribes exactly to the topics of the types it has handlers for.
 */
export class KafkaInboxTransport
  extends Server<Record<string, never>, KafkaInboxTransportStatus>
  implements CustomTransportStrategy, EventDispatcher, BeforeApplicationShutdown
{
  private routes = new Map<string, EventDefinition>();
  private consumer?: EventConsumer;
  /** The consumer being started, until its start ends: what `close` abandons while Kafka cannot be reached. */
  private joining?: EventConsumer;
  private started = false;
  private stopping = false;

  constructor(
    private readonly kafka: PlatformKafka,
    private readonly dataSource: DataSource,
    private readonly publisher: RecordPublisher,
    private readonly options: KafkaInboxTransportOptions,
    private readonly log: Logger,
    private readonly metrics?: ServiceMetrics,
  ) {
    super();
  }

  /**
   * Resolves once the handlers are known to be servable; connecting to Kafka then goes on in the
   * background, so a broker outage at start-up delays consumption without failing the service.
   */
  listen(callback: (error?: unknown) => void): void {
    try {
      this.routes = this.resolveRoutes();
    } catch (error) {
      callback(error);
      return;
    }
    if (this.routes.size > 0) {
      this._status$.next('connecting');
      this.started = true;
      void keepTrying('event consumer', () => this.connect(), () => this.stopping, this.log);
    }
    callback();
  }

  /**
   * Leaves the group once: on the application's shutdown hook, alongside the outbox relay, or when
   * Nest closes the microservice. A start still under way is abandoned, not waited for: with Kafka
   * down it is inside kafkajs' connect retries, which last longer than a shutdown may (ADR 0094).
   * Its consumer is stopped, which disconnects it (and commits what it handled, had it got that
   * far); creating topics goes on until its retries end, and then starts nothing.
   */
  async close(): Promise<void> {
    this.stopping = true;
    const consumer = this.consumer ?? this.joining;
    this.consumer = undefined;
    this.joining = undefined;
    if (consumer) await consumer.stop();
    if (this.started) this._status$.next('disconnected');
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }

  topics(): string[] {
    return [...new Set([...this.routes.values()].map((definition) => definition.topic))];
  }

  contract(type: string): EventDefinition | undefined {
    return this.routes.get(type);
  }

  async dispatch(event: DomainEvent, delivery: Delivery): Promise<void> {
    const handler = this.messageHandlers.get(event.type);
    if (!handler) throw new Error(`no handler for ${event.type}`);
    const result: unknown = await handler(event, new InboxContext([event, delivery]));
    // Several handlers of one type come back joined in one observable; it fails if any of them failed.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  /** Transport events are not offered; `status` tells connecting, connected and disconnected apart. */
  on(): never {
    throw new Error('KafkaInboxTransport has no events; subscribe to its status');
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('the event consumer is not connected');
    return this.consumer as T;
  }

  private resolveRoutes(): Map<string, EventDefinition> {
    const contracts = new Map((this.options.contracts ?? EVENT_CATALOG).map((d) => [d.type, d]));
    const routes = new Map<string, EventDefinition>();
    for (const [pattern, handler] of this.messageHandlers) {
      // Events are one-way: a reply would need request/reply over Kafka, which the platform does not do.
      if (!handler.isEventHandler) throw new Error(`@MessagePattern('${pattern}') is not served: use @EventPattern`);
      const definition = contracts.get(pattern);
      if (!definition) throw new Error(`@EventPattern('${pattern}') names no event contract`);
      routes.set(pattern, definition);
    }
    return routes;
  }

  private async connect(): Promise<void> {
    const provision = this.options.provisionTopics;
    if (provision) {
      const topics = [...this.topics(), deadLetterTopic(this.options.group)];
      await ensureTopics(this.kafka, topics.map((topic) => ({ topic, ...provision })));
    }
    if (this.stopping) return;
    const options = { isDependencyFailure, ...this.options };
    const consumer = new EventConsumer(this.kafka, this.dataSource, this.publisher, this, options, this.log, this.metrics);
    this.joining = consumer;
    try {
      await consumer.start();
    } catch (error) {
      await consumer.stop().catch(() => undefined);
      throw error;
    } finally {
      if (this.joining === consumer) this.joining = undefined;
    }
    // Closed while it started: `close` stopped it.
    if (this.stopping) return;
    this.consumer = consumer;
    this._status$.next('connected');
    this.log.info({ group: this.options.group, consumes: this.topics() }, 'event consumer started');
  }
}

/**
 * Hands a handler's error to the transport as it was thrown. Nest's default RPC filter would
 * replace it with "Internal server error", and the retry log and the dead-letter header need
 * the cause.
 */
@Catch()
export class PassErrorsToTransport implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
