import { workerTopicPrefix } from '../worker-databases';

// Before each e2e suite, in its worker: the worker's own Kafka namespace in place of the run's,
// so that the services two suites start at once never share a topic or a consumer group
// (ADR 0182); the presence and live-stream channels the services name in Redis follow it.
const runTopicPrefix = process.env['KAFKA_TOPIC_PREFIX'];
if (runTopicPrefix) process.env['KAFKA_TOPIC_PREFIX'] = workerTopicPrefix(runTopicPrefix, Number(process.env['JEST_WORKER_ID'] ?? '1'));
