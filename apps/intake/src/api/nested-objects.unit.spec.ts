import { RecordContactDto } from './contact.dto';
import { RegisterCustomerDto, UpdateCustomerDto } from './customer.dto';
import { invalidFields } from './refused-fields.support.spec';

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
