import { newMobile } from './mobiles';

describe('newMobile', () => {
  it('gives eleven-digit mobiles under the prefix, counting up from where that prefix last stopped, never the same twice', () => {
    const first = Array.from({ length: 500 }, () => newMobile());
    const others = Array.from({ length: 500 }, () => newMobile('137'));
    const more = Array.from({ length: 500 }, () => newMobile());
    for (const phone of [...first, ...more]) expect(phone).toMatch(/^139\d{8}$/);
    for (const phone of others) expect(phone).toMatch(/^137\d{8}$/);
    expect(new Set([...first, ...more]).size).toBe(1000);
    const subscribers = [...first, ...more].map((phone) => Number(phone.slice(3)));
    // Each the one before plus one, past 99,999,999 back to 0.
    const steps = subscribers.slice(1).map((subscriber, i) => (subscriber - subscribers[i] + 100_000_000) % 100_000_000);
    expect(new Set(steps)).toEqual(new Set([1]));
  });
});
