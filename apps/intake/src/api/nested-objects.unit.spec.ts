import { RequestValidationError, createValidationPipe } from '@cs/platform';
import { RecordContactDto } from './contact.dto';
import { RegisterCustomerDto, UpdateCustomerDto } from './customer.dto';

const pipe = createValidationPipe();

/** The fields the service's own pipe refuses, as the 400 problem+json names them. */
async function invalidFields(body: Record<string, unknown>, metatype: new () => object): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
    return [];
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    return [...new Set(error.errors.map((e) => e.field))];
  }
}

const purchase = { unitType: '三室两厅', areaSqm: 128.5 };
const registration = { name: '张三', phones: ['13812345678'] };
const contact = { channel: 'phone', content: '3栋电梯停在12楼不动了' };

describe('a body’s nested objects', () => {
  it('given a purchase or a contact’s customer as an object, then it is taken', async () => {
    expect(await invalidFields({ ...registration, purchase }, RegisterCustomerDto)).toEqual([]);
    expect(await invalidFields({ purchase }, UpdateCustomerDto)).toEqual([]);
    expect(await invalidFields({ ...contact, customer: { phone: '13812345678' } }, RecordContactDto)).toEqual([]);
  });

  it('given one sent as a list, then it is refused naming it, rather than a list stored where every read promises an object', async () => {
    expect(await invalidFields({ ...registration, purchase: [purchase] }, RegisterCustomerDto)).toEqual(['purchase']);
    expect(await invalidFields({ purchase: [] }, UpdateCustomerDto)).toEqual(['purchase']);
    expect(await invalidFields({ ...contact, customer: [{ phone: '13812345678' }] }, RecordContactDto)).toEqual(['customer']);
  });
});
