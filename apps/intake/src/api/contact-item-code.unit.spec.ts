import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { MAX_CATALOGUE_ITEM_CODE_LENGTH } from '@cs/contracts';
import { RecordContactDto } from './contact.dto';

/** A contact's item code is held to the contract of the events it goes into (contact.received). */
describe('a contact’s item code', () => {
  const contact = (itemCode: string) =>
    plainToInstance(RecordContactDto, { content: '3栋电梯停在12楼不动了', customer: { phone: '13812345678' }, channel: 'phone', direction: 'inbound', itemCode });
  const refused = async (itemCode: string) => (await validate(contact(itemCode))).filter((e) => e.property === 'itemCode').flatMap((e) => Object.values(e.constraints ?? {}));

  it('is taken as <section>.<item> up to the events’ length', async () => {
    expect(await refused('repair.public_area')).toEqual([]);
    expect(await refused(`repair.${'a'.repeat(MAX_CATALOGUE_ITEM_CODE_LENGTH - 'repair.'.length)}`)).toEqual([]);
  });

  it('is refused, naming the field, past that length or in another shape', async () => {
    expect(await refused(`repair.${'a'.repeat(MAX_CATALOGUE_ITEM_CODE_LENGTH)}`)).toEqual([expect.stringContaining('itemCode')]);
    expect(await refused('repair')).toEqual(['itemCode must look like <section>.<item>']);
  });
});
