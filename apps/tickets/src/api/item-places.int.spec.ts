import { randomUUID } from 'node:crypto';
import { OutboxWriter } from '@cs/messaging';
import { consumeInOneTransaction } from '@cs/platform';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { IntakeEventsController } from './intake-events.controller';
import { CatalogueItem, CatalogueSection, ItemPlace } from '../domain/catalogue';
import { recordGaps } from '../domain/record-completeness';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { contactReceived } from '../testing/fixtures';
import { ticketServices } from '../testing/ticket-services';
import { RunTicketCommand } from '../application/run-ticket-command';
import { UpdateCatalogue } from '../application/update-catalogue';

let db: ThrowawaySchema;
let intake: IntakeEventsController;
let run: RunTicketCommand;
const catalogue = new CatalogueRepository();
const tickets = new TicketRepository();
const agent = { sub: 'agent-1', roles: ['agent' as const] };

beforeAll(async () => {
  db = await throwawaySchema('tickets_item_places', MIGRATIONS);
  const services = ticketServices(db);
  intake = new IntakeEventsController(services.opening);
  run = services.run;
  // A complaint of attitude happened nowhere in particular; a move-in cleaning, in a flat.
  await editCatalogue('complaint', (items) => [...items, { code: 'complaint.staff_attitude', label: { 'zh-CN': '服务态度', en: 'Staff attitude' }, active: true, place: 'none' }]);
  await editCatalogue('housekeeping', withPlace('housekeeping.home_move_in_cleaning', 'room'));
});

afterAll(async () => {
  await db?.drop();
});

/** The catalogue edited as an admin would: every section sent back as read, one changed. */
async function editCatalogue(sectionCode: string, edit: (items: readonly CatalogueItem[]) => CatalogueItem[]): Promise<void> {
  const current = await catalogue.load(db.dataSource.manager, { lock: false });
  const sections = current.sections.map((s): CatalogueSection => (s.code === sectionCode ? { ...s, items: edit(s.items) } : s));
  await new UpdateCatalogue(db.dataSource, catalogue, new OutboxWriter(db.schema, '/cs/tickets')).execute({ catalogue: { sections }, by: 'admin-1' });
}
const withPlace = (code: string, place: ItemPlace | undefined) => (items: readonly CatalogueItem[]) =>
  items.map((i) => (i.code === code ? { code: i.code, label: i.label, active: i.active, ...(place ? { place } : {}) } : i));

/** Contacts opening tickets as the consumer takes them in: together, in one transaction. Returns their ticket ids in order. */
async function openFrom(...contacts: { itemCode: string; unit: { projectCode?: string; building?: string; room?: string } }[]): Promise<string[]> {
  const events = contacts.map((c) => contactReceived(randomUUID(), randomUUID(), c));
  await consumeInOneTransaction(db.dataSource, events.map((event) => [event, (context) => intake.contactReceived(event, context)]));
  return events.map((e) => e.data.ticketId!);
}

const stored = async (ticketId: string) => (await tickets.find(db.dataSource.manager, ticketId, false))!;
const storedPlaces = async () =>
  new Map(((await db.dataSource.query(`SELECT code, place FROM ${db.schema}.catalogue_items WHERE place IS NOT NULL`)) as { code: string; place: string }[]).map((r) => [r.code, r.place]));

describe('the place a catalogue item asks its record to name (ADR 0076)', () => {
  it('given items given places of their own, then only those differing from their section’s are stored; an edit sending no place keeps them, one sending the section’s resets them', async () => {
    await editCatalogue('complaint', (items) => [...items, { code: 'complaint.parking_order', label: { 'zh-CN': '停车秩序', en: 'Parking order' }, active: true, place: 'building' }]);
    const overrides = new Map([['complaint.staff_attitude', 'none'], ['complaint.parking_order', 'building'], ['housekeeping.home_move_in_cleaning', 'room']]);
    expect(await storedPlaces()).toEqual(overrides);
    // An editor that does not know of places sends none.
    await editCatalogue('complaint', (items) => items.map(({ place: _place, ...rest }) => rest));
    expect(await storedPlaces()).toEqual(overrides);
    await editCatalogue('complaint', withPlace('complaint.parking_order', 'room'));
    overrides.delete('complaint.parking_order');
    expect(await storedPlaces()).toEqual(overrides);
    expect(await catalogue.places(db.dataSource.manager, ['complaint.staff_attitude', 'repair.public_area', 'repair.own_unit', 'consultation.other'])).toEqual(
      new Map([['complaint.staff_attitude', 'none'], ['repair.public_area', 'building'], ['repair.own_unit', 'room'], ['consultation.other', 'none']]),
    );
  });

  it('given tickets opened together from contacts, then each keeps the place its item asked for, and its record is judged by it', async () => {
    const [attitude, cleaning, own] = await openFrom(
      { itemCode: 'complaint.staff_attitude', unit: { projectCode: 'P001' } },
      { itemCode: 'housekeeping.home_move_in_cleaning', unit: { projectCode: 'P001', building: '3栋' } },
      { itemCode: 'repair.own_unit', unit: { projectCode: 'P001' } },
    );
    expect([(await stored(attitude!)).recordPlace, (await stored(cleaning!)).recordPlace, (await stored(own!)).recordPlace]).toEqual(['none', 'room', 'room']);
    expect(recordGaps(await stored(attitude!))).toEqual(['validity']);
    expect(recordGaps(await stored(cleaning!))).toEqual(['room']);
    expect(recordGaps(await stored(own!))).toEqual(['building', 'room', 'validity']);
  });

  it('given the catalogue asks another place after a ticket was classified, then the ticket keeps the place it was classified with', async () => {
    await editCatalogue('complaint', (items) => [...items, { code: 'complaint.noise', label: { 'zh-CN': '噪音扰民', en: 'Noise' }, active: true, place: 'none' }]);
    const [noise] = await openFrom({ itemCode: 'complaint.noise', unit: { projectCode: 'P001' } });
    await editCatalogue('complaint', withPlace('complaint.noise', 'building'));
    expect(recordGaps(await stored(noise!))).toEqual(['validity']);
    const [later] = await openFrom({ itemCode: 'complaint.noise', unit: { projectCode: 'P001' } });
    expect(recordGaps(await stored(later!))).toEqual(['building', 'validity']);
  });

  it('given a complaint whose item asks for no place, when it is closed without one, then its close says its record is complete', async () => {
    const [ticketId] = await openFrom({ itemCode: 'complaint.staff_attitude', unit: { projectCode: 'P001' } });
    await run.execute(ticketId!, agent, { action: 'decide_validity', command: { type: 'decide_validity', decision: 'valid' } });
    await run.execute(ticketId!, agent, { action: 'dispatch', command: { type: 'dispatch', department: 'property' } });
    await run.execute(ticketId!, agent, { action: 'resolve', command: { type: 'resolve', resolution: '已向业主致歉并整改' } });
    await run.execute(ticketId!, agent, { action: 'close', command: { type: 'close' } });
    const [closed] = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 AND event_type = 'ticket.closed.v1'`, [ticketId])) as { payload: string }[];
    expect(JSON.parse(closed!.payload)).toMatchObject({ itemCode: 'complaint.staff_attitude', recordGaps: [] });
  });

  it('given a ticket given a new item at the desk (补录), then it takes the place the catalogue asks of that item; a room amended alone keeps it', async () => {
    const [ticketId] = await openFrom({ itemCode: 'repair.own_unit', unit: { projectCode: 'P001' } });
    const moved = await run.execute(ticketId!, agent, { action: 'amend_record', itemCode: 'housekeeping.carpet_cleaning' });
    expect(moved.recordPlace).toBe('none');
    expect(recordGaps(moved)).toEqual([]);
    await run.execute(ticketId!, agent, { action: 'amend_record', itemCode: 'housekeeping.home_move_in_cleaning' });
    expect((await stored(ticketId!)).recordPlace).toBe('room');
    expect(recordGaps(await stored(ticketId!))).toEqual(['building', 'room']);
    await run.execute(ticketId!, agent, { action: 'amend_record', building: '3栋', room: '1202' });
    expect((await stored(ticketId!)).recordPlace).toBe('room');
    expect(recordGaps(await stored(ticketId!))).toEqual([]);
  });

  it('given a ticket classified before items had places, or given another item by a replica of the release before, then its item’s section decides, not the catalogue now', async () => {
    // staff_attitude asks for no place; a complaint's section asks for a room.
    const [before, amendedByOld] = await openFrom({ itemCode: 'complaint.staff_attitude', unit: { projectCode: 'P001' } }, { itemCode: 'consultation.other', unit: { projectCode: 'P001' } });
    await db.dataSource.query(`UPDATE ${db.schema}.tickets SET record_place = NULL, record_place_item = NULL WHERE id = $1`, [before]);
    expect(recordGaps(await stored(before!))).toEqual(['building', 'room', 'validity']);
    // The release before saved an amended item without its place.
    await db.dataSource.query(`UPDATE ${db.schema}.tickets SET section_code = 'complaint', item_code = 'complaint.staff_attitude' WHERE id = $1`, [amendedByOld]);
    expect((await stored(amendedByOld!)).recordPlace).toBeUndefined();
    expect(recordGaps(await stored(amendedByOld!))).toEqual(['building', 'room', 'validity']);
  });
});
