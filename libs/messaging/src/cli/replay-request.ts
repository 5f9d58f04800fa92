/** What an operator asks `dlq-replay` to do: whose dead letters, and at most how many. */
export interface ReplayRequest {
  readonly group: string;
  readonly limit?: number;
  /** What names the replay across its attempts (the dlq-replay Job's uid), so that its limit holds for all of them. */
  readonly run?: string;
}

const USAGE = 'usage: dlq-replay <consumer-group> [--limit N] [--run ID]';

/**
 * The request on the command line: `<group> [--limit N]`, and nothing else. The group must be one
 * of the platform's: any other name has no dead-letter topic, and would fail only after Kafka's
 * retries. Any other argument is refused rather than passed over: `--limit=100` or a mistyped
 * option would otherwise replay every dead letter of the group, and a second group would be left
 * unreplayed unsaid. A problem is the message to print, naming what is wrong and what it may be.
 */
export function replayRequest(args: readonly string[], groups: readonly string[]): ReplayRequest | { problem: string } {
  const named: string[] = [];
  let limitText: string | undefined;
  let run: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--limit') {
      if (limitText !== undefined) return { problem: `--limit given twice; ${USAGE}` };
      limitText = args[++i] ?? '';
    } else if (arg === '--run') {
      if (run !== undefined) return { problem: `--run given twice; ${USAGE}` };
      run = args[++i] ?? '';
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(run)) return { problem: `the run must be letters, digits, '.', '_' or '-', not ${JSON.stringify(run)}; ${USAGE}` };
    } else if (arg.startsWith('-')) {
      return { problem: `${JSON.stringify(arg)} is not an argument dlq-replay takes; ${USAGE}` };
    } else {
      named.push(arg);
    }
  }
  const [group, ...others] = named;
  if (group === undefined) return { problem: `name the consumer group (one of ${groups.join(', ')}); ${USAGE}` };
  if (others.length > 0) return { problem: `one consumer group at a time, not ${named.map((g) => JSON.stringify(g)).join(' and ')}; ${USAGE}` };
  if (!groups.includes(group)) return { problem: `no consumer group ${JSON.stringify(group)}: the platform's are ${groups.join(', ')}` };
  const ofRun = run === undefined ? {} : { run };
  if (limitText === undefined) return { group, ...ofRun };
  if (!/^[1-9][0-9]{0,8}$/.test(limitText)) return { problem: `the limit must be a whole number from 1, not ${JSON.stringify(limitText)}; ${USAGE}` };
  return { group, limit: Number(limitText), ...ofRun };
}
