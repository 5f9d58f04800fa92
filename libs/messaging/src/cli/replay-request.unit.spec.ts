import { replayRequest } from './replay-request';

const GROUPS = ['intake', 'tickets'];

describe('what an operator asks dlq-replay for', () => {
  it('given the group, and a limit before or after it, then those', () => {
    expect(replayRequest(['tickets'], GROUPS)).toEqual({ group: 'tickets' });
    expect(replayRequest(['tickets', '--limit', '20'], GROUPS)).toEqual({ group: 'tickets', limit: 20 });
    expect(replayRequest(['--limit', '20', 'tickets'], GROUPS)).toEqual({ group: 'tickets', limit: 20 });
  });

  it('given no group, one the platform has not, or a limit that is not a count, then a problem naming it and the groups there are', () => {
    expect(replayRequest([], GROUPS)).toEqual({ problem: expect.stringContaining('name the consumer group (one of intake, tickets)') });
    expect(replayRequest(['ticket'], GROUPS)).toEqual({ problem: 'no consumer group "ticket": the platform\'s are intake, tickets' });
    for (const limit of ['0', '-1', '1.5', 'ten', '']) {
      expect(replayRequest(['tickets', '--limit', limit], GROUPS)).toEqual({ problem: expect.stringContaining(`the limit must be a whole number from 1, not "${limit}"`) });
    }
    expect(replayRequest(['tickets', '--limit'], GROUPS)).toEqual({ problem: expect.stringContaining('the limit must be a whole number from 1, not ""') });
  });

  it('given anything else, a second group, an option it has not or a limit written otherwise, then a problem naming it, never a replay without the limit meant', () => {
    // Each was passed over: `--limit=100` or a mistyped `--limt 100` replayed every dead letter of the group, `tickets intake` tickets' alone.
    expect(replayRequest(['tickets', '--limit=100'], GROUPS)).toEqual({ problem: expect.stringContaining('"--limit=100" is not an argument dlq-replay takes') });
    expect(replayRequest(['tickets', '--limt', '100'], GROUPS)).toEqual({ problem: expect.stringContaining('"--limt" is not an argument dlq-replay takes') });
    expect(replayRequest(['tickets', '-n', '100'], GROUPS)).toEqual({ problem: expect.stringContaining('"-n" is not an argument dlq-replay takes') });
    expect(replayRequest(['tickets', 'intake'], GROUPS)).toEqual({ problem: expect.stringContaining('one consumer group at a time, not "tickets" and "intake"') });
    expect(replayRequest(['tickets', '--limit', '5', '--limit', '500'], GROUPS)).toEqual({ problem: expect.stringContaining('--limit given twice') });
  });

  it('given the run a Job names its pods by, then the replay counts its limit for that run', () => {
    expect(replayRequest(['--run', '3f2a-9c', 'tickets', '--limit', '20'], GROUPS)).toEqual({ group: 'tickets', limit: 20, run: '3f2a-9c' });
    expect(replayRequest(['--run', '', 'tickets'], GROUPS)).toEqual({ problem: expect.stringContaining('the run must be') });
    expect(replayRequest(['--run', 'a', '--run', 'b', 'tickets'], GROUPS)).toEqual({ problem: expect.stringContaining('--run given twice') });
  });
});
