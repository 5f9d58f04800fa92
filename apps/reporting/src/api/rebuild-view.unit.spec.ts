import { rebuildView } from './projections.controller';

describe('a rebuild as the API shows it', () => {
  it('given offsets and counts past 2^53, then they reach the client exactly, as decimal strings', () => {
    const rebuild = {
      id: '7f7c3c1e-6d0e-4a55-9a7e-2b1f0c1d2e3f',
      status: 'running' as const,
      requestedBy: 'admin-1',
      startedAt: new Date('2026-12-01T00:00:00.000Z'),
      finishedAt: null,
      eventsTotal: 9_214_364_837_600_034_814n,
      eventsApplied: 1n,
      positions: [{ topic: 'tickets.events.v1', partition: 2, nextOffset: 9_007_199_254_740_993n, endOffset: 2n ** 63n - 1n }],
    };

    const shown = JSON.parse(JSON.stringify(rebuildView(rebuild))) as unknown;

    expect(shown).toEqual({
      id: rebuild.id,
      status: 'running',
      requestedBy: 'admin-1',
      startedAt: '2026-12-01T00:00:00.000Z',
      finishedAt: null,
      eventsTotal: '9214364837600034814',
      eventsApplied: '1',
      positions: [{ topic: 'tickets.events.v1', partition: 2, nextOffset: '9007199254740993', endOffset: '9223372036854775807' }],
    });
  });
});
