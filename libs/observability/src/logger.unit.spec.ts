import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger } from './logger';

function capture(): { readonly stream: Writable; readonly lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('') };
}

const PHONE = '13800138000';

describe('createLogger', () => {
  it('keeps a failed statement’s parameters and Postgres’s row details out of a logged error, on it and on its cause', () => {
    const out = capture();
    const logger = createLogger('probe', 'info', out.stream);
    const driverError = Object.assign(new Error('null value in column "content" violates not-null constraint'), {
      code: '23502',
      detail: `Failing row contains (1, ${PHONE}, null).`,
    });
    const failed = new QueryFailedError('INSERT INTO contacts (id, phone) VALUES ($1, $2)', [1, PHONE], driverError);
    logger.error({ err: failed }, 'request failed');
    logger.error({ err: new Error('could not save', { cause: failed }) }, 'consumer failed');

    const [first, second] = out.lines().trim().split('\n').map((line) => JSON.parse(line) as Record<string, Record<string, unknown>>);
    expect(out.lines()).not.toContain(PHONE);
    expect(first!['err']).toMatchObject({ query: 'INSERT INTO contacts (id, phone) VALUES ($1, $2)', code: '23502', parameters: '[redacted]', detail: '[redacted]' });
    expect(first!['err']!['driverError']).toMatchObject({ detail: '[redacted]' });
    // A cause is written into the message and stack, its own fields left out.
    expect(second!['err']!['message']).toBe('could not save: null value in column "content" violates not-null constraint');
  });

  it('given a text redaction, passes a logged error’s message and stack through it, its cause’s words included', () => {
    const out = capture();
    const hide = (text: string) => text.replace(/\d{11}/g, '***');
    const logger = createLogger('probe', 'info', out.stream, { redactText: hide });
    const cause = new Error(`invalid input syntax for type uuid: "${PHONE}"`);
    logger.error({ err: new Error('could not find the ticket', { cause }) }, 'request failed');
    // The fields the logger blanks stay blank under the redacting serializer.
    logger.error({ err: new QueryFailedError('SELECT $1', [PHONE], Object.assign(new Error('failed'), { detail: `Key (phone)=(${PHONE})` })) }, 'query failed');
    const [line, query] = out.lines().trim().split('\n').map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    expect(query!['err']).toMatchObject({ parameters: '[redacted]', driverError: { detail: '[redacted]' } });
    // The errors an error carries as fields are copied by pino as they are: their words are redacted too.
    logger.error({ err: new QueryFailedError('SELECT $1', [PHONE], new Error(`invalid input syntax for type uuid: "${PHONE}"`)) }, 'lookup failed');
    logger.error({ err: new AggregateError([new Error(`no customer ${PHONE}`)], 'several failed') }, 'batch failed');
    logger.error({ err: `value ${PHONE} refused` }, 'refused');
    expect(out.lines()).not.toContain(PHONE);
    expect(line!['err']!['message']).toBe('could not find the ticket: invalid input syntax for type uuid: "***"');
    expect(String(line!['err']!['stack'])).toContain('could not find the ticket');
  });

  it('without a text redaction, logs an error’s message as it is', () => {
    const out = capture();
    createLogger('probe', 'info', out.stream).error({ err: new Error('no ticket 42') }, 'failed');
    expect(out.lines()).toContain('no ticket 42');
  });

  it('still redacts phones and authorization headers', () => {
    const out = capture();
    createLogger('probe', 'info', out.stream).info({ customer: { phone: PHONE }, headers: { authorization: 'Bearer x' } }, 'seen');
    expect(out.lines()).not.toContain(PHONE);
    expect(out.lines()).not.toContain('Bearer x');
  });

  it('redacts a customer’s personal fields by name at the top of a line and nested, and an error logged as `error` like one logged as `err`', () => {
    const out = capture();
    const logger = createLogger('probe', 'info', out.stream, { redactText: (text) => text.replaceAll(PHONE, '[phone]') });
    logger.info({ phone: PHONE, email: 'wang@example.com' }, 'top');
    logger.info({ change: { customer: { phones: [PHONE], address: '3栋1202', birthDate: '1980-02-29' } } }, 'nested');
    logger.error({ error: new QueryFailedError('SELECT $1', [PHONE], new Error(`no customer ${PHONE}`)) }, 'as error');
    const text = out.lines();
    for (const said of [PHONE, 'wang@example.com', '3栋1202', '1980-02-29']) expect({ said, logged: text.includes(said) }).toEqual({ said, logged: false });
    expect(text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['top', 'nested', 'as error']);
  });
});
