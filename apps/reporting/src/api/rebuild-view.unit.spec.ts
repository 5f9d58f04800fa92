import { rebuildView } from './projections.controller';

describe('a rebuild as the API shows it', () => {
  const rebuild = (offset: bigint, count: bigint) => ({
    id: '7f7c3c1e-6d0e-4a55-9a7e-2b1f0c1d2e3f',
    status: 'running' as const,
    requestedBy: 'admin-1',
    startedAt: new Date('2026-12-01T00:00:00.000Z'),
    finishedAt: null,
    eventsTotal: count,
    eventsApplied: 1n,
    positions: [{ topic: 'tickets.events.v1', partition: 2, nextOffset: offset, endOffset: offset + 10n }],
  });

  it('given offsets and counts the rebuild keeps as bigint, then the client reads the integers it always read', () => {
    const shown = JSON.parse(JSON.stringify(rebuildView(rebuild(48_213n, 9_007_199_254_740_991n)))) as unknown;

    expect(shown).toEqual({
      id: '7f7c3c1e-6d0e-4a55-9a7e-2b1f0c1d2e3f',
      status: 'running',
      requestedBy: 'admin-1',
      startedAt: '2026-12-01T00:00:00.000Z',
      finishedAt: null,
      eventsTotal: 9_007_199_254_740_991,
      eventsApplied: 1,
      positions: [{ topic: 'tickets.events.v1', partition: 2, nextOffset: 48_213, endOffset: 48_223 }],
    });
  });

  it('given a position past 2^53, then it is still answered, as the nearest integer a JSON parser holds', () => {
    const shown = JSON.parse(JSON.stringify(rebuildView(rebuild(2n ** 63n - 11n, 2n ** 63n - 1n)))) as {
      eventsTotal: number;
      positions: { nextOffset: number }[];
    };

    expect(shown.eventsTotal).toBe(2 ** 63);
    expect(shown.positions[0]?.nextOffset).toBe(2 ** 63);
  });
});
