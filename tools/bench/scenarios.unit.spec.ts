import { callerPhone, callersOf, contactBody } from './scenarios';

const phoneIn = (body: string): string => (JSON.parse(body) as { customer: { phone: string } }).customer.phone;

describe('the callers a burst of contacts leaves on record', () => {
  it.each([1, 4, 5, 9, 10, 11, 103])('after %i contacts, names each distinct caller once, and only callers who called', (contacts) => {
    const called = new Set(Array.from({ length: contacts }, (_, n) => phoneIn(contactBody(n, '137'))));
    const named = Array.from({ length: callersOf(contacts) }, (_, k) => callerPhone(k, '137'));
    expect(named.filter((phone) => !called.has(phone))).toEqual([]);
    expect(new Set(named).size).toBe(named.length);
    expect(named.length).toBe(called.size);
  });
});
