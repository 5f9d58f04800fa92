import type { EntityManager } from 'typeorm';
import { CATALOGUE_SEED, CatalogueChangedV1, EventData, EventDefinition } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import { ThrowawaySchema, rejectionOf, throwawaySchema } from '@cs/testing';
import type { CatalogueDocument, CatalogueItem, CatalogueSection, VersionedCatalogue } from '../domain/catalogue';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { GetCatalogue } from './get-catalogue';
import { UpdateCatalogue } from './update-catalogue';

const ORIGINAL_SECTIONS = ['consultation', 'repair', 'complaint', 'callback', 'value_added', 'housekeeping', 'info_collection'];

let db: ThrowawaySchema;
let getCatalogue: GetCatalogue;
let updateCatalogue: UpdateCatalogue;

beforeAll(async () => {
  db = await throwawaySchema('tickets_catalogue', MIGRATIONS);
  const repository = new CatalogueRepository();
  getCatalogue = new GetCatalogue(db.dataSource, repository);
  updateCatalogue = new UpdateCatalogue(db.dataSource, repository, new OutboxWriter(db.schema, '/cs/tickets'));
});

afterAll(async () => {
  await db?.drop();
});

/** The current catalogue as an admin would send it back: everything, without the version. */
async function editable(): Promise<{ version: number; document: CatalogueDocument }> {
  const { version, sections } = await getCatalogue.execute({ includeInactive: true });
  return { version, document: { sections } };
}

function editItem(document: CatalogueDocument, code: string, edit: (item: CatalogueItem) => CatalogueItem | undefined): CatalogueDocument {
  return {
    sections: document.sections.map((s) => ({
      ...s,
      items: s.items.flatMap((i) => (i.code === code ? [edit(i)].filter((e): e is CatalogueItem => e !== undefined) : [i])),
    })),
  };
}

function editSection(document: CatalogueDocument, code: string, edit: (section: CatalogueSection) => CatalogueSection): CatalogueDocument {
  return { sections: document.sections.map((s) => (s.code === code ? edit(s) : s)) };
}

interface OutboxRow {
  event_type: string;
  message_key: string;
  payload: string;
}

async function outboxRows(): Promise<OutboxRow[]> {
  return db.dataSource.query(`SELECT event_type, message_key, payload FROM ${db.schema}.outbox ORDER BY seq`);
}

async function lastEvent(): Promise<EventData<typeof CatalogueChangedV1>> {
  const rows = await outboxRows();
  const last = rows[rows.length - 1];
  if (!last) throw new Error('the outbox is empty');
  expect(last).toMatchObject({ event_type: 'catalogue.changed.v1', message_key: 'catalogue' });
  return JSON.parse(last.payload) as EventData<typeof CatalogueChangedV1>;
}

/** Writes the outbox row, then fails, as a crash before commit would. */
class OutboxThenFailure extends OutboxWriter {
  override async append<D extends EventDefinition>(tx: EntityManager, definition: D, subject: string, data: EventData<D>): Promise<never> {
    await super.append(tx, definition, subject, data);
    const [row] = (await tx.query(`SELECT count(*)::int AS n FROM ${db.schema}.outbox WHERE event_type = $1`, [definition.type])) as { n: number }[];
    throw new Error(`failed after the outbox row was written (${row?.n} in the transaction)`);
  }
}

const refusal = (attempt: Promise<unknown>): Promise<DomainError> => rejectionOf(attempt, DomainError);

describe('the catalogue, against Postgres', () => {
  it('given a fresh schema, when read, then the seed has 42 items in the 7 original sections, plus suggestion and inquiry, all active, at version 1', async () => {
    const catalogue = await getCatalogue.execute({ includeInactive: true });
    expect(catalogue.version).toBe(1);
    expect(catalogue.sections.map((s) => s.code)).toEqual([...ORIGINAL_SECTIONS, 'suggestion', 'inquiry']);
    const original = catalogue.sections.filter((s) => ORIGINAL_SECTIONS.includes(s.code));
    expect(original.flatMap((s) => s.items)).toHaveLength(42);
    expect(original.map((s) => s.items.length)).toEqual([6, 3, 6, 5, 1, 10, 11]);
    expect(catalogue.sections.every((s) => s.active && s.items.every((i) => i.active))).toBe(true);
    expect(catalogue.sections[1]).toEqual({
      code: 'repair',
      label: { 'zh-CN': '报修', en: 'Repair' },
      active: true,
      // Each repair asks for a room, but one of the public area, in a building.
      items: CATALOGUE_SEED[1]!.items.map((i) => ({ ...i, active: true, place: i.code === 'repair.public_area' ? 'building' : 'room' })),
    });
    expect(await outboxRows()).toEqual([]);
  });

  it('given a relabelled item, when saved, then its code stays, the version moves on, and the event carries the full item list', async () => {
    const { version, document } = await editable();
    const at = new Date('2026-11-24T02:00:00Z');
    const saved = await updateCatalogue.execute({
      catalogue: editItem(document, 'repair.public_area', (i) => ({ ...i, label: { 'zh-CN': '公区报修', en: 'Common areas' } })),
      expectedVersion: version,
      by: 'admin-1',
      at,
    });

    expect(saved.version).toBe(version + 1);
    const reread = await getCatalogue.execute({ includeInactive: true });
    expect(reread).toEqual(saved);
    const repair = reread.sections.find((s) => s.code === 'repair')!;
    expect(repair.items.map((i) => i.code)).toEqual(['repair.public_area', 'repair.own_unit', 'repair.paid_repair']);
    expect(repair.items[0]!.label).toEqual({ 'zh-CN': '公区报修', en: 'Common areas' });

    const event = await lastEvent();
    expect(event).toMatchObject({ version: saved.version, changedBy: 'admin-1', changedAt: at.toISOString() });
    expect(event.items).toHaveLength(45);
    expect(event.items.find((i) => i.code === 'repair.public_area')).toEqual({
      code: 'repair.public_area',
      sectionCode: 'repair',
      active: true,
      label: { 'zh-CN': '公区报修', en: 'Common areas' },
      place: 'building',
    });

    // Only the changed row records the change.
    const touched = (await db.dataSource.query(`SELECT code FROM ${db.schema}.catalogue_items WHERE updated_at = $1`, [at])) as { code: string }[];
    expect(touched.map((r) => r.code)).toEqual(['repair.public_area']);
  });

  it('given only an item’s place changed, when saved, then the version moves on, the change is announced, and only that row records it', async () => {
    const { version, document } = await editable();
    const at = new Date('2026-11-24T03:00:00Z');
    const saved = await updateCatalogue.execute({ catalogue: editItem(document, 'complaint.environment', (i) => ({ ...i, place: 'building' })), expectedVersion: version, by: 'admin-1', at });
    expect(saved.version).toBe(version + 1);
    const event = await lastEvent();
    expect(event.version).toBe(saved.version);
    expect(event.items.find((i) => i.code === 'complaint.environment')?.place).toBe('building');
    const touched = (await db.dataSource.query(`SELECT code, place FROM ${db.schema}.catalogue_items WHERE updated_at = $1`, [at])) as { code: string; place: string }[];
    expect(touched).toEqual([{ code: 'complaint.environment', place: 'building' }]);
  });

  it('given an item switched off, when read, then only includeInactive shows it and the event marks it unusable', async () => {
    const { document } = await editable();
    await updateCatalogue.execute({ catalogue: editItem(document, 'housekeeping.carpet_care', (i) => ({ ...i, active: false })), by: 'admin-1' });

    const forAgents = await getCatalogue.execute({ includeInactive: false });
    const housekeeping = forAgents.sections.find((s) => s.code === 'housekeeping')!;
    expect(housekeeping.items.map((i) => i.code)).not.toContain('housekeeping.carpet_care');
    expect(housekeeping.items).toHaveLength(9);
    const everything = await getCatalogue.execute({ includeInactive: true });
    const retired = everything.sections.flatMap((s) => s.items).find((i) => i.code === 'housekeeping.carpet_care');
    expect(retired?.active).toBe(false);
    expect((await lastEvent()).items.find((i) => i.code === 'housekeeping.carpet_care')?.active).toBe(false);
  });

  it('given a section switched off, when saved, then its items stay active themselves but the event marks them all unusable', async () => {
    const { document } = await editable();
    const saved = await updateCatalogue.execute({ catalogue: editSection(document, 'value_added', (s) => ({ ...s, active: false })), by: 'admin-1' });

    expect(saved.sections.find((s) => s.code === 'value_added')?.items[0]?.active).toBe(true);
    expect((await getCatalogue.execute({ includeInactive: false })).sections.map((s) => s.code)).not.toContain('value_added');
    expect((await lastEvent()).items.find((i) => i.code === 'value_added.agency')).toMatchObject({ active: false });
  });

  it('given a new item, when saved, then it is added in its section at the position sent', async () => {
    const { document } = await editable();
    const saved = await updateCatalogue.execute({
      catalogue: editSection(document, 'complaint', (s) => ({
        ...s,
        items: [s.items[0]!, { code: 'complaint.legacy_issues', label: { 'zh-CN': '历史遗留问题', en: 'Historical legacy issues' }, active: true }, ...s.items.slice(1)],
      })),
      by: 'admin-1',
    });
    const complaint = (await getCatalogue.execute({ includeInactive: true })).sections.find((s) => s.code === 'complaint')!;
    expect(complaint.items.map((i) => i.code).slice(0, 3)).toEqual(['complaint.service_quality', 'complaint.legacy_issues', 'complaint.construction_quality']);
    expect((await lastEvent()).version).toBe(saved.version);
  });

  it('given an item left out, when saved, then it is refused naming it, and nothing is written', async () => {
    const { version, document } = await editable();
    const before = await outboxRows();
    const error = await refusal(
      updateCatalogue.execute({ catalogue: editItem(document, 'repair.paid_repair', () => undefined), expectedVersion: version, by: 'admin-1' }),
    );
    expect(error).toMatchObject({ code: 'CATALOGUE.ITEM_REMOVED', kind: 'invalid', field: 'sections[1].items', details: { catalogueCode: 'repair.paid_repair' } });
    expect(error.message).toContain('active: false');
    expect((await editable()).version).toBe(version);
    expect(await outboxRows()).toHaveLength(before.length);
  });

  it('given an edit from an older version, when saved, then it is refused as stale and nothing is written', async () => {
    const { version, document } = await editable();
    const before = await outboxRows();
    const error = await refusal(
      updateCatalogue.execute({
        catalogue: editItem(document, 'repair.own_unit', (i) => ({ ...i, label: { ...i.label, en: 'Inside the home' } })),
        expectedVersion: version - 1,
        by: 'admin-1',
      }),
    );
    expect(error).toMatchObject({ code: 'CATALOGUE.VERSION_CONFLICT', kind: 'precondition_failed' });
    const after = await editable();
    expect(after.version).toBe(version);
    expect(after.document).toEqual(document);
    expect(await outboxRows()).toHaveLength(before.length);
  });

  it('given two edits of the same version at once, when saved, then one wins and the other is refused as stale', async () => {
    const { version, document } = await editable();
    const relabel = (en: string) =>
      updateCatalogue.execute({
        catalogue: editItem(document, 'inquiry.order_progress', (i) => ({ ...i, label: { ...i.label, en } })),
        expectedVersion: version,
        by: 'admin-1',
      });
    const outcomes = await Promise.allSettled([relabel('Order progress A'), relabel('Order progress B')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'CATALOGUE.VERSION_CONFLICT' });
    expect((await editable()).version).toBe(version + 1);
  });

  it('given an edit that changes nothing, when saved, then neither the version nor the outbox moves', async () => {
    const { version, document } = await editable();
    const before = await outboxRows();
    const saved: VersionedCatalogue = await updateCatalogue.execute({ catalogue: document, expectedVersion: version, by: 'admin-1' });
    expect(saved.version).toBe(version);
    expect(await outboxRows()).toHaveLength(before.length);
  });

  it('given a failure after the event is appended, when saved, then the change and its outbox row roll back together', async () => {
    const { version, document } = await editable();
    const before = await outboxRows();
    const failing = new UpdateCatalogue(db.dataSource, new CatalogueRepository(), new OutboxThenFailure(db.schema, '/cs/tickets'));
    await expect(
      failing.execute({ catalogue: editItem(document, 'repair.own_unit', (i) => ({ ...i, active: false })), by: 'admin-1' }),
    ).rejects.toThrow(`failed after the outbox row was written (${before.length + 1} in the transaction)`);
    const after = await editable();
    expect(after.version).toBe(version);
    expect(after.document).toEqual(document);
    expect(await outboxRows()).toHaveLength(before.length);
  });
});
