import { CustomerRegisteredV1, CustomerUpdatedV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { routeContact, routedByOpenTickets } from './contact-routing';
import {
  Customer,
  CustomerUnit,
  MAX_TAGS,
  assertUnitNamesAPlace,
  MAX_UNITS,
  eraseCustomer,
  mergeCustomers,
  pseudonymOf,
  viewCustomer,
  withMentionedUnit,
  withUnit,
} from './customer';
import { validateAttachments } from './attachments';
import { redactPersonalData } from '@cs/privacy';
import { contentSummary } from './contact';

const zhang: Customer = {
  id: '11111111-1111-1111-1111-111111111111',
  name: '张三',
  phones: ['+8613812345678'],
  email: 'zhangsan@example.com',
  address: '上海市浦东新区花木路100弄3号1202室',
  units: [{ projectCode: 'P001', building: '3', room: '1202', relation: 'owner' }],
  tags: ['key_customer'],
  version: 1,
};
const duplicate: Customer = {
  id: '22222222-2222-2222-2222-222222222222',
  name: '张三',
  phones: ['+8613900001111'],
  units: [
    { projectCode: 'P001', building: '3', room: '1202', relation: 'owner' },
    { projectCode: 'P002', building: '1', room: '101', relation: 'tenant' },
  ],
  tags: ['vip'],
  version: 3,
};

describe('customer views', () => {
  it('given no PII permission, personal fields are masked', () => {
    const view = viewCustomer(zhang, false);
    expect(view).toMatchObject({ name: '张*', phones: ['138****5678'], email: 'z***@example.com', masked: true });
    expect(view.address).toBe('上海市浦东新****');
  });

  it('given the PII permission, they are shown as stored', () => {
    expect(viewCustomer(zhang, true)).toMatchObject({ name: '张三', phones: ['+8613812345678'], masked: false });
  });

  it('an erased customer shows only its pseudonym, whatever the permission', () => {
    const erased = eraseCustomer(zhang, new Date('2026-11-24T00:00:00Z'));
    const view = viewCustomer(erased, true);
    expect(view).toEqual({ id: zhang.id, name: pseudonymOf(zhang.id), phones: [], units: [], tags: [], masked: true, erased: true });
    // Its projects stay on the record, without building or room: they keep it from other projects' users.
    expect(erased.units).toEqual([{ projectCode: 'P001', relation: 'owner' }]);
    expect(JSON.stringify(erased)).not.toMatch(/张三|13812345678|zhangsan|花木路/);
  });
});

describe('merging duplicates', () => {
  it('the survivor gains the duplicate’s phones, units and tags; the duplicate points at it', () => {
    const { survivor, duplicate: merged } = mergeCustomers(zhang, duplicate);
    expect(survivor.phones).toEqual(['+8613812345678', '+8613900001111']);
    expect(survivor.units).toHaveLength(2);
    expect(survivor.tags).toEqual(['key_customer', 'vip']);
    expect(merged).toMatchObject({ mergedInto: zhang.id, phones: [] });
  });

  it('the survivor keeps its birth date, or takes the duplicate’s when it has none; erasure drops it', () => {
    expect(mergeCustomers(zhang, { ...duplicate, birthDate: '1980-01-02' }).survivor.birthDate).toBe('1980-01-02');
    expect(mergeCustomers({ ...zhang, birthDate: '1975-05-05' }, { ...duplicate, birthDate: '1980-01-02' }).survivor.birthDate).toBe('1975-05-05');
    expect(eraseCustomer({ ...zhang, birthDate: '1975-05-05' }, new Date()).birthDate).toBeUndefined();
  });

  it('a birth date is masked entirely without the permission', () => {
    expect(viewCustomer({ ...zhang, birthDate: '1975-05-05' }, false).birthDate).toBe('****-**-**');
    expect(viewCustomer({ ...zhang, birthDate: '1975-05-05' }, true).birthDate).toBe('1975-05-05');
  });

  it('refuses to merge a customer into itself or into an erased one', () => {
    expect(() => mergeCustomers(zhang, zhang)).toThrow(DomainError);
    expect(() => mergeCustomers(eraseCustomer(zhang, new Date()), duplicate)).toThrow(/erased/);
  });

  it('a unit is added once', () => {
    expect(withUnit(zhang.units, { projectCode: 'P001', building: '3', room: '1202', relation: 'tenant' })).toHaveLength(1);
  });
});

describe('how many units, tags and phones a customer has', () => {
  const rooms = (count: number, building = '1'): CustomerUnit[] =>
    Array.from({ length: count }, (_, i) => ({ projectCode: 'P001', building, room: String(101 + i), relation: 'owner' as const }));

  it('as many units and tags as the events announcing a customer carry', () => {
    for (const event of [CustomerRegisteredV1, CustomerUpdatedV1]) {
      expect(MAX_UNITS).toBe(event.schema.properties.units.maxItems);
      expect(MAX_TAGS).toBe(event.schema.properties.tags.maxItems);
    }
  });

  it('given a customer with every unit they may have, when a contact names a new room, then their units stay as they are; with room left, it is added', () => {
    const full = rooms(MAX_UNITS);
    const newRoom: CustomerUnit = { projectCode: 'P001', building: '9', room: '901', relation: 'owner' };
    expect(withMentionedUnit(full, newRoom)).toEqual(full);
    expect(withMentionedUnit(full, { ...full[0]!, relation: 'tenant' })).toEqual(full);
    expect(withMentionedUnit(rooms(MAX_UNITS - 1), newRoom)).toEqual([...rooms(MAX_UNITS - 1), newRoom]);
  });

  it('given two customers with more units, tags or phones together than a customer has, when merged, then it is refused naming duplicateId', () => {
    const merged = (a: Partial<Customer>, b: Partial<Customer>) => () => mergeCustomers({ ...zhang, ...a }, { ...duplicate, ...b });
    expect(merged({ units: rooms(30, '1') }, { units: rooms(21, '2') })).toThrow(expect.objectContaining({ code: 'CUSTOMER.TOO_MANY_UNITS', kind: 'invalid', field: 'duplicateId' }));
    expect(merged({ units: rooms(30, '1') }, { units: rooms(20, '2') })).not.toThrow();
    const tags = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}_${i}`);
    expect(merged({ tags: tags('a', 30) }, { tags: tags('b', 21) })).toThrow(expect.objectContaining({ code: 'CUSTOMER.TOO_MANY_TAGS', field: 'duplicateId' }));
    const phones = (from: number, count: number) => Array.from({ length: count }, (_, i) => `+861380000${String(from + i).padStart(4, '0')}`);
    expect(merged({ phones: phones(0, 3) }, { phones: phones(10, 3) })).toThrow(expect.objectContaining({ code: 'CUSTOMER.TOO_MANY_PHONES', field: 'duplicateId' }));
  });
});

describe('a unit’s building and room', () => {
  it('name a place: one holding a phone number, an e-mail address or an ID number is refused naming the field under the path given', () => {
    const check = (unit: { building?: string; room?: string }) => () => assertUnitNamesAPlace(unit, 'CUSTOMER.PERSONAL_DATA', 'units[2].');
    expect(check({ building: '3栋', room: '138 1234 5678' })).toThrow(expect.objectContaining({ code: 'CUSTOMER.PERSONAL_DATA', kind: 'invalid', field: 'units[2].room' }));
    expect(check({ building: 'a@b.cn' })).toThrow(expect.objectContaining({ field: 'units[2].building' }));
    expect(check({ building: '2-1', room: '1202' })).not.toThrow();
    expect(check({ room: '2301-2302' })).not.toThrow();
    expect(check({})).not.toThrow();
  });
});

describe('routing a contact', () => {
  const customerId = zhang.id;
  const tickets = [
    { ticketId: 't-old', customerId, itemCode: 'repair.public_area', open: true, openedAt: new Date('2026-11-01') },
    { ticketId: 't-new', customerId, itemCode: 'repair.public_area', open: true, openedAt: new Date('2026-11-20') },
    { ticketId: 't-closed', customerId, itemCode: 'complaint.environment', open: false, openedAt: new Date('2026-11-21') },
  ];

  it('a contact naming a ticket follows it up', () => {
    expect(routeContact({ customerId, ticketId: 't-closed' }, tickets)).toEqual({ kind: 'follow_up', ticketId: 't-closed', reason: 'ticket_named' });
  });

  it('the same item while a ticket is open follows up the most recent open one', () => {
    expect(routeContact({ customerId, itemCode: 'repair.public_area' }, tickets)).toEqual({
      kind: 'follow_up',
      ticketId: 't-new',
      reason: 'same_item_open_ticket',
    });
  });

  it('an item whose tickets are all closed, or no item at all, is a new matter', () => {
    expect(routeContact({ customerId, itemCode: 'complaint.environment' }, tickets)).toEqual({ kind: 'new_matter' });
    expect(routeContact({ customerId }, tickets)).toEqual({ kind: 'new_matter' });
  });

  it('only a contact about an item that names no ticket needs the customer’s open tickets to be routed', () => {
    expect(routedByOpenTickets({ itemCode: 'repair.public_area' })).toBe(true);
    expect(routedByOpenTickets({ itemCode: 'repair.public_area', ticketId: 't-new' })).toBe(false);
    expect(routedByOpenTickets({})).toBe(false);
    expect(routedByOpenTickets({ itemCode: '' })).toBe(false);
    // Whatever the tickets, those it says need none route the same without them.
    for (const contact of [{ customerId, ticketId: 't-closed' }, { customerId }, { customerId, itemCode: '' }]) {
      expect(routeContact(contact, tickets)).toEqual(routeContact(contact, []));
    }
  });
});

describe('attachments and redaction', () => {
  const ok = { name: 'leak.jpg', type: 'image/jpeg', sizeBytes: 120_000, uri: 'https://files.example.com/leak.jpg' };

  it('names the offending attachment field', () => {
    expect(() => validateAttachments([ok, { ...ok, uri: 'file:///etc/passwd' }])).toThrow(
      expect.objectContaining({ field: 'attachments[1].uri' }),
    );
    expect(() => validateAttachments([ok])).not.toThrow();
  });

  it('masks phone-like numbers in summaries but keeps short numbers such as rooms', () => {
    expect(redactPersonalData('请回电 138 1234 5678，房号1202')).toBe('请回电 138****5678，房号1202');
    expect(contentSummary('手机13812345678坏了')).toBe('手机138****5678坏了');
  });
});
