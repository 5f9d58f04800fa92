import { loggableUrl } from './loggable-url';

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
});
