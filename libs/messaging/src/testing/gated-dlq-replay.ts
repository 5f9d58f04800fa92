import { PlatformKafka } from '../kafka/kafka-client';

/**
 * `gated-dlq-replay <dlq-replay's arguments>`: dlq-replay as it runs, except that its replay's
 * consumer connects only once stdin is closed, writing `read the group` when it gets there. A test
 * starts two and lets both go once both have written it, so that each has read the group before
 * either joins it: a process compiles its sources for seconds on a loaded machine, and one that read
 * the group only after the other had replayed everything and left found nothing to replay, and
 * ended as that one did. Env as dlq-replay's.
 */
const released = new Promise<void>((resolve) => process.stdin.on('end', resolve).resume());
const consumer = PlatformKafka.prototype.consumer;
PlatformKafka.prototype.consumer = function (config) {
  const held = consumer.call(this, config);
  const connect = held.connect.bind(held);
  held.connect = async () => {
    process.stdout.write('read the group\n');
    await released;
    await connect();
  };
  return held;
};
// Loaded once the gate is in place: the command starts its replay as it loads.
void import('../cli/dlq-replay');
