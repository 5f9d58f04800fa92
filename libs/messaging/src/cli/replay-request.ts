/** What an operator asks `dlq-replay` to do: whose dead letters, and at most how many. */
export interface ReplayRequest {
  readonly group: string;
  readonly limit?: number;
}

const USAGE = 'usage: dlq-replay <consumer-group> [--limit N]';

/**
 * The request on the command line: `<group> [--limit N]`. The group must be one of the
 * platform's: any other name has no dead-letter topic, and would fail only after Kafka's retries.
 * A problem is the message to print, naming what is wrong and what it may be.
 */
export function replayRequest(args: readonly string[], groups: readonly string[]): ReplayRequest | { problem: string } {
  const limitAt = args.indexOf('--limit');
  const group = args.find((a, i) => !a.startsWith('--') && (limitAt < 0 || i !== limitAt + 1));
  if (group === undefined) return { problem: `name the consumer group (one of ${groups.join(', ')}); ${USAGE}` };
  if (!groups.includes(group)) return { problem: `no consumer group ${JSON.stringify(group)}: the platform's are ${groups.join(', ')}` };
  if (limitAt < 0) return { group };
  const limit = args[limitAt + 1] ?? '';
  if (!/^[1-9][0-9]{0,8}$/.test(limit)) return { problem: `the limit must be a whole number from 1, not ${JSON.stringify(limit)}; ${USAGE}` };
  return { group, limit: Number(limit) };
}
