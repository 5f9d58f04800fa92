import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, planWithoutSequentialScans, recordingQueries, throwawaySchema } from '@cs/testing';
import { KnowledgeGap, MAX_GAP_TICKET_IDS } from '../domain/gap';
import { GapRepository } from './gap.repository';
import { MIGRATIONS } from './migrations';

let db: ThrowawaySchema;
const gaps = new GapRepository();

beforeAll(async () => {
  db = await throwawaySchema('knowledge_gap_repository', MIGRATIONS);
});
afterAll(async () => {
  await db?.drop();
});

function gapOf(itemCode: string | undefined, ticketIds: string[] = []): KnowledgeGap {
  const now = new Date();
  return {
    id: randomUUID(),
    source: 'consultation',
    status: 'open',
    ...(itemCode ? { itemCode } : {}),
    tokens: ['游泳池', '开放'],
    sample: '游泳池几点开放',
    occurrences: 1,
    ticketIds,
    ticketCount: ticketIds.length,
    openedAt: now,
    lastSeenAt: now,
  };
}

describe('a gap asked by many tickets', () => {
  it(`lists its latest ${MAX_GAP_TICKET_IDS} tickets and counts them all; a ticket listed already counts once`, async () => {
    const gap = gapOf('consultation.community_culture', ['T-0']);
    await gaps.save(db.dataSource.manager, gap);
    let grown = gap;
    for (let n = 1; n < MAX_GAP_TICKET_IDS + 5; n++) grown = await gaps.grow(db.dataSource.manager, gap.id, `T-${n}`, new Date());
    grown = await gaps.grow(db.dataSource.manager, gap.id, `T-${MAX_GAP_TICKET_IDS + 4}`, new Date());
    grown = await gaps.grow(db.dataSource.manager, gap.id, undefined, new Date());
    const latest = Array.from({ length: MAX_GAP_TICKET_IDS }, (_, n) => `T-${n + 5}`);
    expect([grown.ticketIds, grown.ticketCount, grown.occurrences]).toEqual([latest, MAX_GAP_TICKET_IDS + 5, MAX_GAP_TICKET_IDS + 7]);
    expect((await gaps.find(db.dataSource.manager, gap.id, undefined))?.ticketCount).toBe(MAX_GAP_TICKET_IDS + 5);
  });

  it('written before the count, or by a replica of the release before, counts the tickets it lists, and goes on from there', async () => {
    const gap = gapOf('consultation.other', ['T-1', 'T-2']);
    await gaps.save(db.dataSource.manager, gap);
    await db.dataSource.query('UPDATE knowledge_gaps SET ticket_count = NULL WHERE id = $1', [gap.id]);
    expect((await gaps.find(db.dataSource.manager, gap.id, undefined))?.ticketCount).toBe(2);
    expect((await gaps.grow(db.dataSource.manager, gap.id, 'T-3', new Date())).ticketCount).toBe(3);
  });
});

describe('grouping a question', () => {
  it('reads the open gaps of its item, or of no item, from their index', async () => {
    for (const item of ['consultation.call_transfer', undefined, undefined, 'repair.public_area']) await gaps.save(db.dataSource.manager, gapOf(item));
    for (const itemCode of ['consultation.call_transfer', undefined]) {
      const recording = recordingQueries(db.dataSource);
      const found = await gaps.openOfItem(recording.db, itemCode, undefined);
      expect(found.map((g) => g.itemCode)).toEqual(itemCode ? [itemCode] : [undefined, undefined]);
      const plan = await planWithoutSequentialScans(db.dataSource, recording.statements.find((s) => s.sql.includes('FROM knowledge_gaps'))!);
      expect(plan).toMatch(/Index Scan using knowledge_gaps_open_by_item/);
      expect(plan).toMatch(/Index Cond: \(COALESCE\(item_code, ''::text\) = /);
    }
  });
});

describe('listing gaps', () => {
  it('reads the most asked open gaps from their index in the order listed, not every open gap sorted', async () => {
    const mostAsked = { ...gapOf('consultation.property_service'), occurrences: 10_000 };
    await gaps.save(db.dataSource.manager, mostAsked);
    for (const projects of [undefined, ['P001']]) {
      const recording = recordingQueries(db.dataSource);
      const listed = await gaps.list(recording.db, { projects, status: 'open', limit: 50 });
      expect(listed[0]?.id).toBe(mostAsked.id);
      const plan = await planWithoutSequentialScans(db.dataSource, recording.statements[0]!);
      expect(plan).toMatch(/Index Scan using knowledge_gaps_open_most_asked/);
      expect(plan).not.toMatch(/Sort/);
    }
  });
});
