import { callerPhone, callersOf, contactBody } from './scenarios';

const phoneIn = (body: string): string => (JSON.parse(body) as { customer: { phone: string } }).customer.phone;

describe('the callers a burst of contacts leaves on record', () => {
  it.each([1, 4, 5, 9, 10, 11, 103, 106, 500])('after %i contacts, names each distinct caller once, and only callers who called', (contacts) => {
    const called = new Set(Array.from({ length: contacts }, (_, n) => phoneIn(contactBody(n, '137'))));
    const named = Array.from({ length: callersOf(contacts) }, (_, k) => callerPhone(k, '137'));
    expect(named.filter((phone) => !called.has(phone))).toEqual([]);
    expect(new Set(named).size).toBe(named.length);
    expect(named.length).toBe(called.size);
  });
});

describe('a repeat caller', () => {
  it('calls again a hundred contacts after their first call, not at the same instant', () => {
    const phones = Array.from({ length: 600 }, (_, n) => phoneIn(contactBody(n, '137')));
    for (let n = 104; n < 600; n += 5) expect(phones[n]).toBe(phones[n - 101]);
    // Nothing between the two calls came from that number (the early repeats below aside).
    for (let n = 204; n < 600; n += 5) expect(phones.slice(n - 100, n)).not.toContain(phones[n]);
    // Before a hundred contacts were sent, the repeat follows its first call.
    expect(phones[4]).toBe(phones[3]);
  });
});
