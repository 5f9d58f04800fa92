import { plainToInstance } from 'class-transformer';
import { IsString, validate } from 'class-validator';
import { NestedEach } from './validation';

class Unit {
  @IsString() projectCode!: string;
}

class Customer {
  @NestedEach(() => Unit) units!: Unit[];
}

async function errorsOf(body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(Customer, body));
  return errors.flatMap((e) => [...Object.keys(e.constraints ?? {}), ...(e.children ?? []).flatMap((c) => c.children?.flatMap((g) => Object.keys(g.constraints ?? {})) ?? [])]);
}

describe('NestedEach', () => {
  it('validates each element as the nested class', async () => {
    expect(await errorsOf({ units: [{ projectCode: 'P001' }] })).toEqual([]);
    expect(await errorsOf({ units: [{ projectCode: 7 }] })).toContain('isString');
  });

  it('refuses an element that is itself an array, which @ValidateNested alone lets through', async () => {
    expect(await errorsOf({ units: [[]] })).toContain('isObject');
  });
});
