import { randomInt } from 'node:crypto';

const SUBSCRIBER_NUMBERS = 100_000_000;
const next = new Map<string, number>();

/**
 * A mainland mobile number under `prefix` (three digits, 139 by default) that this test file has
 * not been given before: a repeated number joins a contact to another test's caller.
 *
 * The eight digits after the prefix count up from a random start, drawn once per prefix and file.
 * A file's numbers never repeat, and two files writing to one database (the end-to-end suites
 * share the system's) meet only where their short runs overlap: about (n₁ + n₂) in 10⁸, against
 * n₁·n₂ in 10⁸ for numbers drawn at random.
 */
export function newMobile(prefix = '139'): string {
  const subscriber = next.get(prefix) ?? randomInt(0, SUBSCRIBER_NUMBERS);
  next.set(prefix, (subscriber + 1) % SUBSCRIBER_NUMBERS);
  return `${prefix}${String(subscriber).padStart(8, '0')}`;
}
