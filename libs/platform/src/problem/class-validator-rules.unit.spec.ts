import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDefined, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateBy, ValidateNested } from 'class-validator';
import { createValidationPipe } from '../http/validation';
import { RequestValidationError } from './request-validation.error';

class Attachment {
  @IsString() @MinLength(1) @MaxLength(10) name!: string;
  @IsInt() @Min(0) size!: number;
}

class Customer {
  @IsOptional() @IsEmail() email?: string;
  @IsOptional()
  @IsString()
  @ValidateBy({ name: 'isPhoneLike', validator: { validate: (value: unknown) => typeof value === 'string' && /^\d+$/.test(value) } }, { context: { rule: 'invalid_phone' } })
  phone?: string;
}

class Body {
  @IsIn(['phone', 'email']) channel!: string;
  @IsString() @MinLength(1) @MaxLength(20) content!: string;
  @IsDefined() @ValidateNested() @Type(() => Customer) customer!: Customer;
  @IsOptional() @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => Attachment) attachments?: Attachment[];
  @IsOptional() @Matches(/^[a-z]+\.[a-z]+$/) itemCode?: string;
}

const pipe = createValidationPipe();

async function violations(body: unknown) {
  const error = await pipe.transform(body, { type: 'body', metatype: Body }).catch((e: unknown) => e);
  if (!(error instanceof RequestValidationError)) throw new Error('the body was accepted');
  return error.errors;
}

describe('field errors from class-validator', () => {
  it('lists every bad field at once, nested and in arrays, each with its rule and limits', async () => {
    const errors = await violations({
      channel: 'fax',
      content: 'x'.repeat(21),
      customer: { email: 'nope', phone: '13a', extra: 1 },
      attachments: [{ name: 'ok', size: 1 }, { name: '', size: -1 }],
      itemCode: 'Repair',
      unknown: true,
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'channel', code: 'not_one_of', params: { allowed: ['phone', 'email'] } },
        { field: 'content', code: 'too_long', params: { max: 20 } },
        { field: 'customer.email', code: 'invalid_format', params: { format: 'email' } },
        { field: 'customer.phone', code: 'invalid_phone', params: {} },
        { field: 'customer.extra', code: 'unknown_field', params: {} },
        { field: 'attachments[1].name', code: 'too_short', params: { min: 1 } },
        { field: 'attachments[1].size', code: 'out_of_range', params: { min: 0 } },
        { field: 'itemCode', code: 'invalid_format', params: {} },
        { field: 'unknown', code: 'unknown_field', params: {} },
      ]),
    );
    expect(errors).toHaveLength(9);
  });

  it('a missing field is only `required`, a wrongly typed one only `invalid_type`', async () => {
    const errors = await violations({ channel: 'phone', content: 42, attachments: 'x' });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'customer', code: 'required', params: {} },
        { field: 'content', code: 'invalid_type', params: { expected: 'string' } },
      ]),
    );
    expect(errors.filter((e) => e.field === 'content')).toHaveLength(1);
    expect(errors.filter((e) => e.field === 'customer')).toHaveLength(1);
    expect(errors.find((e) => e.field === 'attachments')?.code).toBeDefined();
  });
});
