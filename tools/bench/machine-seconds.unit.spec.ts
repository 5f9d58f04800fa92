import { MachineSecond, describeSpan, machineDuring } from './machine-seconds';

describe('what the machine did over a span of a load', () => {
  const second = (from: number, over: Partial<MachineSecond> = {}): MachineSecond => ({
    fromSeconds: from,
    toSeconds: from + 1,
    cpu: { user: 60, system: 20, iowait: 0, idle: 20, other: 0 },
    processes: { intake: 50, postgres: 40 },
    ...over,
  });

  it('averages the intervals a slow request waited through, each by how much of it the wait covers, and leaves the others out', () => {
    const seconds = [
      second(0),
      second(1, {
        cpu: { user: 20, system: 10, iowait: 60, idle: 10, other: 0 },
        processes: { intake: 10, postgres: 20, kafka: 6 },
        pressure: { cpuSome: 10, ioSome: 80, ioFull: 50 },
        postgres: { walMiBPerSecond: 6, sessions: { 'intake: IO:WALSync': 8 }, background: ['checkpoint'] },
      }),
      second(2, {
        cpu: { user: 40, system: 10, iowait: 40, idle: 10, other: 0 },
        processes: { intake: 30, postgres: 60 },
        pressure: { cpuSome: 20, ioSome: 40, ioFull: 30 },
        postgres: { walMiBPerSecond: 2, sessions: { 'intake: IO:WALSync': 2, 'intake: CPU': 2 }, background: ['autovacuum: VACUUM intake.outbox', 'checkpoint'] },
      }),
      second(3),
    ];
    // Half of the second interval and the whole third: weights 0.5 and 1.
    const span = machineDuring(seconds, 1.5, 3);
    expect(span).toEqual({
      fromSeconds: 1.5,
      toSeconds: 3,
      intervals: 2,
      postgresIntervals: 2,
      cpu: { user: 33.3, system: 10, iowait: 46.7, idle: 10, other: 0 },
      processes: { postgres: 46.7, intake: 23.3, kafka: 2 },
      pressure: { cpuSome: 16.7, ioSome: 53.3, ioFull: 36.7 },
      walMiBPerSecond: 3.3,
      sessions: { 'intake: CPU': 1.3, 'intake: IO:WALSync': 4 },
      background: { checkpoint: 100, 'autovacuum: VACUUM intake.outbox': 66.7 },
    });
    expect(Object.keys(span!.processes)).toEqual(['postgres', 'intake', 'kafka']);
    expect(describeSpan(span!)).toBe(
      'cores: user 33.3, system 10, iowait 46.7, idle 10, other 0 %; busiest (% of a core): postgres 46.7, intake 23.3, kafka 2; ' +
        'stalled (% of the time): cpuSome 16.7, ioSome 53.3, ioFull 36.7; WAL 3.3 MiB/s; busy sessions: intake: IO:WALSync 4, intake: CPU 1.3; ' +
        'under way (% of the time): checkpoint 100, autovacuum: VACUUM intake.outbox 66.7',
    );
  });

  it('says how many readings Postgres answered, and gives nothing for a span the watch missed', () => {
    const answered = second(1, { postgres: { walMiBPerSecond: 1, sessions: {}, background: [] } });
    const span = machineDuring([second(0), answered], 0.5, 1.5);
    expect(span).toMatchObject({ intervals: 2, postgresIntervals: 1, background: {}, processes: { intake: 50, postgres: 40 } });
    expect(describeSpan(span!)).toBe(
      'cores: user 60, system 20, iowait 0, idle 20, other 0 %; busiest (% of a core): intake 50, postgres 40; WAL 1 MiB/s; busy sessions: none; ' +
        'under way (% of the time): nothing (Postgres answered 1 of 2 readings)',
    );
    expect(machineDuring([second(0), second(1)], 5, 6)).toBeUndefined();
    // An interval touching the span only at its edge is not in it.
    expect(machineDuring([second(0), second(1)], 2, 3)).toBeUndefined();
  });

  it('leaves out of its line the sessions and tasks seen in no reading, and names the five busiest processes', () => {
    const quiet = second(0, { processes: { a: 1, b: 6, c: 3, d: 5, e: 2, f: 4 }, postgres: { walMiBPerSecond: 0.1, sessions: { 'intake: CPU': 0, 'intake: IO:WALSync': 1 }, background: [] } });
    const busy = second(1, { processes: { a: 1, b: 6, c: 3, d: 5, e: 2, f: 4 }, postgres: { walMiBPerSecond: 0.1, sessions: { 'intake: CPU': 0 }, background: ['checkpoint'] } });
    const span = machineDuring([quiet, busy], 0, 2)!;
    expect(Object.keys(span.processes)).toEqual(['b', 'd', 'f', 'c', 'e', 'a']);
    const line = describeSpan(span);
    expect(line).toContain('busiest (% of a core): b 6, d 5, f 4, c 3, e 2;');
    expect(line).toContain('busy sessions: intake: IO:WALSync 0.5;');
    expect(line).toContain('under way (% of the time): checkpoint 50');
    expect(line).not.toContain('CPU 0');
  });
});
