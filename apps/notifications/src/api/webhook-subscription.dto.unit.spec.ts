import { RequestValidationError, createValidationPipe } from '@cs/platform';
import { CreateWebhookSubscriptionDto, UpdateWebhookSubscriptionDto } from './webhook-subscription.dto';

const pipe = createValidationPipe();
const refusal = (metatype: new () => object, value: object) =>
  pipe.transform(value, { type: 'body', metatype }).then(
    () => undefined,
    (error: unknown) => (error as RequestValidationError).errors,
  );

describe('a webhook subscription URL', () => {
  it.each(['https://xn--a.com/', 'https://⒈.com/', 'https://℀.com/', 'https://﹪.com/'])(
    'given %s, which validator reads as a URL and the URL standard does not, it is 400 naming url on create and on change',
    async (url) => {
      const invalid = [expect.objectContaining({ field: 'url', code: 'invalid_format', params: { format: 'url' } })];
      expect(await refusal(CreateWebhookSubscriptionDto, { name: 'x', url, eventTypes: ['escalated'] })).toEqual(invalid);
      expect(await refusal(UpdateWebhookSubscriptionDto, { url })).toEqual(invalid);
    },
  );

  it('takes an https URL, and refuses one over 2,000 characters as too long', async () => {
    expect(await refusal(CreateWebhookSubscriptionDto, { name: 'x', url: 'https://gw.example.com/cs', eventTypes: ['escalated'] })).toBeUndefined();
    expect(await refusal(UpdateWebhookSubscriptionDto, { url: `https://gw.example.com/${'a'.repeat(2000)}` })).toEqual([
      expect.objectContaining({ field: 'url', code: 'too_long', params: { max: 2000 } }),
    ]);
  });
});
