import { CATALOGUE_SEED, CATALOGUE_SUBJECT, CatalogueChangedV1, EventData, validateEventData } from '@cs/contracts';
import { newEvent } from '@cs/messaging';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { activeItemsOfIntake } from '../infrastructure/active-items';
import { catalogueItemActive } from '../infrastructure/known-tickets';
import { MIGRATIONS } from '../infrastructure/migrations';
import { trackCatalogue } from './track-catalogue';

type Item = EventData<typeof CatalogueChangedV1>['items'][number];

const seedItems: Item[] = CATALOGUE_SEED.flatMap((s) =>
  s.items.map((i) => ({ code: i.code, sectionCode: s.code, active: true, label: { 'zh-CN': i.label['zh-CN'], en: i.label.en } })),
);

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('intake_catalogue', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

async function deliver(version: number, items: Item[]): Promise<void> {
  const data: EventData<typeof CatalogueChangedV1> = { version, items, changedAt: new Date().toISOString(), changedBy: 'admin-1' };
  expect(validateEventData(CatalogueChangedV1, data)).toEqual([]);
  const event = newEvent(CatalogueChangedV1, { source: '/cs/tickets', subject: CATALOGUE_SUBJECT, data });
  await db.dataSource.transaction((tx) => trackCatalogue(event, tx));
}

async function projection(): Promise<{ version: number; items: Map<string, { section: string; active: boolean }> }> {
  const [head] = (await db.dataSource.query('SELECT version FROM catalogue_projection_version')) as { version: number }[];
  const rows = (await db.dataSource.query('SELECT code, section_code, active FROM catalogue_items')) as {
    code: string;
    section_code: string;
    active: boolean;
  }[];
  return { version: head!.version, items: new Map(rows.map((r) => [r.code, { section: r.section_code, active: r.active }])) };
}

async function usable(code: string): Promise<boolean> {
  return db.dataSource.transaction((tx) => catalogueItemActive(tx, code));
}

const edited = (edits: Record<string, Partial<Item>>, extra: Item[] = []): Item[] => [
  ...seedItems.map((i) => ({ ...i, ...edits[i.code] })),
  ...extra,
];

describe("intake's copy of the catalogue, against Postgres", () => {
  it('given fresh migrations, when read, then it holds the seed at version 1, the tickets service’s first version', async () => {
    const { version, items } = await projection();
    expect(version).toBe(1);
    expect(items.size).toBe(45);
    expect([...items.values()].every((i) => i.active)).toBe(true);
  });

  it('given a newer catalogue, when delivered, then items are retired and added, and contacts may use only the active ones', async () => {
    const added: Item = { code: 'complaint.legacy_issues', sectionCode: 'complaint', active: true, label: { 'zh-CN': '历史遗留问题', en: 'Legacy issues' } };
    await deliver(3, edited({ 'repair.own_unit': { active: false } }, [added]));

    const { version, items } = await projection();
    expect(version).toBe(3);
    expect(items.get('repair.own_unit')).toEqual({ section: 'repair', active: false });
    expect(items.get('complaint.legacy_issues')).toEqual({ section: 'complaint', active: true });
    expect(await usable('repair.own_unit')).toBe(false);
    expect(await usable('complaint.legacy_issues')).toBe(true);
  });

  it('given an older catalogue delivered late, when handled, then nothing rolls back', async () => {
    await deliver(2, edited({ 'repair.public_area': { active: false } }));

    const { version, items } = await projection();
    expect(version).toBe(3);
    expect(items.get('repair.own_unit')?.active).toBe(false);
    expect(items.get('repair.public_area')?.active).toBe(true);
    expect(items.has('complaint.legacy_issues')).toBe(true);
  });

  it('given the current version delivered again, when handled, then nothing changes', async () => {
    await deliver(3, edited({ 'repair.own_unit': { active: true } }));
    expect((await projection()).items.get('repair.own_unit')?.active).toBe(false);
  });

  it('given a catalogue that no longer lists a code, when delivered, then the code is retired, not deleted', async () => {
    await deliver(4, edited({ 'repair.own_unit': { active: true } }));

    const { version, items } = await projection();
    expect(version).toBe(4);
    expect(items.get('complaint.legacy_issues')).toEqual({ section: 'complaint', active: false });
    expect(items.get('repair.own_unit')?.active).toBe(true);
    expect(await usable('complaint.legacy_issues')).toBe(false);
  });

  it('given two versions handled at once, when both commit, then the newer one wins whichever ran first', async () => {
    await Promise.all([deliver(6, edited({ 'suggestion.general': { active: false } })), deliver(5, edited({}))]);

    const { version, items } = await projection();
    expect(version).toBe(6);
    expect(items.get('suggestion.general')?.active).toBe(false);
  });

  it('given an item held as active by a contact check, when the catalogue withdraws it, then contacts may name it only until the hold runs out', async () => {
    let ms = 1;
    const clock = { now: () => ms };
    const items = activeItemsOfIntake({ maxItems: 100, maxAgeSeconds: 10, clock });
    const check = (code: string) => db.dataSource.transaction((tx) => items.isActive(tx, code));
    expect(await check('repair.public_area')).toBe(true);

    await deliver(7, edited({ 'suggestion.general': { active: false }, 'repair.public_area': { active: false } }));
    expect(await usable('repair.public_area')).toBe(false);
    ms += 9_999;
    expect(await check('repair.public_area')).toBe(true);
    ms += 2;
    expect(await check('repair.public_area')).toBe(false);
  });

  it('given an item the catalogue adds, when a contact names it, then it is accepted at once, though the code was refused a moment before', async () => {
    const items = activeItemsOfIntake({ maxItems: 100, maxAgeSeconds: 10, clock: { now: () => 1 } });
    const check = (code: string) => db.dataSource.transaction((tx) => items.isActive(tx, code));
    expect(await check('inquiry.parking')).toBe(false);
    const added: Item = { code: 'inquiry.parking', sectionCode: 'inquiry', active: true, label: { 'zh-CN': '停车咨询', en: 'Parking' } };
    await deliver(8, edited({ 'suggestion.general': { active: false }, 'repair.public_area': { active: false } }, [added]));
    expect(await check('inquiry.parking')).toBe(true);
  });
});
