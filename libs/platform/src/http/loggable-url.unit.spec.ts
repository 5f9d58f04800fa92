import { loggableUrl } from './loggable-url';
import { plainQueryParametersOf } from './plain-query-parameters';

describe('loggableUrl', () => {
  it('masks personal parameters whole, whatever their case', () => {
    expect(loggableUrl('/v1/customers?phone=13812345678&Email=zs%40example.com&name=%E5%BC%A0%E4%B8%89')).toBe(
      '/v1/customers?phone=***&Email=***&name=***',
    );
  });

  it('masks a customer’s building and room, which the free-text redaction would keep, and keeps the project', () => {
    expect(loggableUrl('/v1/customers?projectCode=P001&building=3&room=1202')).toBe('/v1/customers?projectCode=P001&building=***&room=***');
  });

  it('masks an ID number parameter', () => {
    expect(loggableUrl('/v1/customers?idNumber=11010519491231002X')).toBe('/v1/customers?idNumber=***');
  });

  it('redacts personal data inside other values and keeps the rest readable', () => {
    const logged = loggableUrl('/v1/answers/search?q=13812345678%20%E7%94%B5%E6%A2%AF&limit=5');
    expect(logged).not.toContain('13812345678');
    expect(logged).toContain('138****5678');
    expect(logged).toContain('limit=5');
  });

  it('leaves a URL without a query as it is', () => {
    expect(loggableUrl('/v1/tickets/5d0c7a57-0d3a-4d7e-9a51-2f0f7c2f1c11')).toBe('/v1/tickets/5d0c7a57-0d3a-4d7e-9a51-2f0f7c2f1c11');
  });

  it('masks a questionnaire link’s token, the credential a customer answers with, and keeps its query readable', () => {
    const token = 'eyJjYWxsYmFja0lkIjoiYWJjIn0.c2lnbmF0dXJl';
    expect(loggableUrl(`/v1/questionnaires/${token}`)).toBe('/v1/questionnaires/***');
    expect(loggableUrl(`/v1/questionnaires/${token}?lang=zh-CN`)).toBe('/v1/questionnaires/***?lang=zh-CN');
  });

  it.each([
    ['a segment after the token', `/v1/questionnaires/TOKEN/extra`, '/v1/questionnaires/***'],
    ['a segment before the token', `/v1/questionnaires/x/TOKEN`, '/v1/questionnaires/***'],
    ['a slash doubled after the prefix', `/v1/questionnaires//TOKEN?lang=zh-CN`, '/v1/questionnaires/***?lang=zh-CN'],
    ['a slash doubled before it', `//v1//questionnaires/TOKEN`, '//v1//questionnaires/***'],
    ['another case', `/V1/Questionnaires/TOKEN`, '/V1/Questionnaires/***'],
    ['an escaped slash', `/v1/questionnaires%2FTOKEN`, '/v1/questionnaires%2F***'],
    ['every slash escaped', `/v1%2fquestionnaires%2fTOKEN`, '/v1%2fquestionnaires%2f***'],
    ['a `;` for the slash', `/v1/questionnaires;TOKEN`, '/v1/questionnaires;***'],
    ['the token run into the word', `/v1/questionnairesTOKEN`, '/v1/questionnaires***'],
    ['a malformed escape', `/v1/QUESTIONNAIRES/TOKEN%E0%A4%A`, '/v1/QUESTIONNAIRES/***'],
  ])('masks a questionnaire link mangled on its way (%s) whole after its prefix: any part may be the token', (_, url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
  });

  it.each(['/v1/questionnaires', '/v1/questionnaires/', '/v1/questionnaires?lang=zh-CN', '/v1/callbacks/TOKEN'])('leaves %s, which holds no token, as it is', (url) => {
    expect(loggableUrl(url)).toBe(url);
  });
});

describe('loggableUrl with a questionnaire token outside the questionnaire’s path', () => {
  // As callbacks mints them: a 30-byte claim and a 16-byte signature, base64url, joined by a dot.
  const CLAIM = Buffer.from('9b1deb4d3b7d4bad9bdd2b0d7b3dcb6d0a1b2c3d4e5f6a7b8c9d6747a1c0', 'hex').toString('base64url');
  const SIGNATURE = Buffer.from('fb3ef0c1d2e3f4a5b6c7d8e9fafbfcfd', 'hex').toString('base64url');
  const TOKEN = `${CLAIM}.${SIGNATURE}`;
  const escaped = (text: string, at: number) => `${text.slice(0, at)}%${text.charCodeAt(at).toString(16).toUpperCase()}${text.slice(at + 1)}`;

  it.each([
    ['a dot segment the browser took out (/v1/questionnaires/../)', `/v1/${TOKEN}`, '/v1/***'],
    ['two dot segments taken out', `/${TOKEN}`, '/***'],
    ['under another service’s path', `/v1/callbacks/${TOKEN}`, '/v1/callbacks/***'],
    ['a segment after it', `/v1/${TOKEN}/extra`, '/v1/***/extra'],
    ['its dot escaped', `/v1/${CLAIM}%2E${SIGNATURE}`, '/v1/***'],
    ['its dot escaped in lower case', `/v1/${CLAIM}%2e${SIGNATURE}`, '/v1/***'],
    ['its dot escaped twice (a mail client’s escaping)', `/v1/${CLAIM}%252E${SIGNATURE}`, '/v1/***'],
    ['a letter of it escaped, which the router decodes', `/v1/${escaped(TOKEN, 3)}`, '/v1/***'],
    ['run into the words around it', `/v1/see${TOKEN}thanks`, '/v1/***'],
    ['the sentence’s full stop after it', `/v1/${TOKEN}.`, '/v1/***'],
    ['cut short by an SMS, part of its signature left', `/v1/${CLAIM}.${SIGNATURE.slice(0, 9)}`, '/v1/***'],
    ['a `;` parameter after it', `/v1/${TOKEN};lang=zh-CN`, '/v1/***;lang=zh-CN'],
  ])('masks a token (%s), the credential a customer answers with', (_, url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
  });

  it('masks a token in a query parameter and keeps the others readable', () => {
    expect(loggableUrl(`/v1/?ref=${TOKEN}&lang=zh-CN`)).toBe('/v1/?ref=***&lang=zh-CN');
    expect(loggableUrl(`/v1/?ref=${CLAIM}%2E${SIGNATURE}`)).toBe('/v1/?ref=***');
  });

  it.each([
    '/v1/tickets/5d0c7a57-0d3a-4d7e-9a51-2f0f7c2f1c11',
    `/v1/exports/${'ab12'.repeat(16)}`,
    `/v1/exports/${CLAIM}`,
    '/v1/attachments/2026-01-05.report.final.pdf',
    `/v1/tickets/5d0c7a57-0d3a-4d7e-9a51-2f0f7c2f1c11.${'x'.repeat(3)}`,
  ])('leaves %s, which is not shaped like a token (no claim of 40 characters before a dot), as it is', (url) => {
    expect(loggableUrl(url)).toBe(url);
  });
});

describe('loggableUrl with the query parameters its route declares plain', () => {
  const plain = plainQueryParametersOf({
    openapi: '3.0.0',
    info: { title: 'intake service', version: '1' },
    paths: {
      '/v1/customers/lookup': {
        get: {
          responses: {},
          parameters: [
            { name: 'phone', in: 'query', schema: { type: 'string' } },
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'closed', null] } },
            { name: 'customerId', in: 'query', schema: { type: 'string', format: 'uuid' } },
          ],
        },
      },
    },
  }).get('GET /v1/customers/lookup');

  it('shows a number, one of a list and a UUID as sent, which free text would mask as a landline', () => {
    expect(loggableUrl('/v1/customers/lookup?limit=99999999&status=closed&customerId=3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a10', plain)).toBe(
      '/v1/customers/lookup?limit=99999999&status=closed&customerId=3f0b6c1e-8a4d-4a7e-9b61-2f1d7c9e5a10',
    );
  });

  it('masks a phone whatever parameter holds it: a personal one whole, free text and a number alike', () => {
    expect(loggableUrl('/v1/customers/lookup?phone=13800138000&q=62345678&limit=13800138000', plain)).toBe(
      '/v1/customers/lookup?phone=***&q=****5678&limit=138****8000',
    );
  });

  it('redacts a value that is not what its parameter declares, as free text', () => {
    expect(loggableUrl('/v1/customers/lookup?status=zs%40example.com&limit=6234%205678', plain)).toBe('/v1/customers/lookup?status=**%40example.com&limit=****5678');
  });
});
