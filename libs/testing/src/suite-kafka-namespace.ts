import { randomBytes } from 'node:crypto';
import { runTopicPrefixOf } from './worker-databases';

/**
 * The Kafka namespaces a suite makes of its own live under the run's (KAFKA_TOPIC_PREFIX, which
 * the tiers' global set-up gives each run, ADR 0054): a suite's clean-up that fails leaves its
 * topics and groups to the run's tear-down, or to the next run's clean-up after a killed run,
 * which drop every name under the run's prefix. A namespace of a suite's own outside it was
 * dropped by nothing but the suite.
 */
function runPrefix(): string {
  const prefix = process.env['KAFKA_TOPIC_PREFIX'];
  if (!prefix) throw new Error('KAFKA_TOPIC_PREFIX is not set: the int and e2e tiers’ global set-up gives each run its Kafka namespace');
  // An e2e worker's namespace is `<run's>-w<n>` (ADR 0182): a suite's own goes under the run's,
  // which leaves room for a service's namespace within KAFKA_TOPIC_PREFIX's 40 characters.
  return runTopicPrefixOf(prefix);
}

/** `<run's prefix>.<part>`: a namespace of the suite's own (`part` carries its own run id), for a client the suite makes itself. */
export function runKafkaNamespace(part: string): string {
  return `${runPrefix()}.${part}`;
}

/**
 * `<run's prefix>-<8 hex>`: a namespace of the suite's own for a service or command-line tool that
 * reads it from KAFKA_TOPIC_PREFIX, which takes no dot and at most 40 characters (a run's prefix
 * is at most 30).
 */
export function runServiceKafkaNamespace(): string {
  return `${runPrefix()}-${randomBytes(4).toString('hex')}`;
}
