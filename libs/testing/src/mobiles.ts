import { randomInt } from 'node:crypto';

const SUBSCRIBER_NUMBERS = 100_000_000;

/**
 * Mainland mobile numbers that never repeat: under each three-digit prefix, the eight digits after
 * it count up from a start drawn once for that prefix, and wrap past 99,999,999 to 0.
 */
export class MobileNumbers {
  private readonly next = new Map<string, number>();

  constructor(private readonly start: () => number = () => randomInt(0, SUBSCRIBER_NUMBERS)) {}

  /** The next number under `prefix` (139 by default). */
  of(prefix = '139'): string {
    // Passed as a mapper (`names.map(newMobile)`), each element would become the prefix.
    if (!/^1[3-9]\d$/.test(prefix)) throw new Error(`'${prefix}' is not a mobile prefix (1[3-9] and a digit)`);
    const subscriber = this.next.get(prefix) ?? this.start();
    this.next.set(prefix, (subscriber + 1) % SUBSCRIBER_NUMBERS);
    return `${prefix}${String(subscriber).padStart(8, '0')}`;
  }
}

const numbers = new MobileNumbers();

/**
 * A mainland mobile number under `prefix` (139 by default) that this test file has not been given
 * before (each test file has its own module registry, so its own count): a repeated number joins a
 * contact to another test's caller.
 *
 * Counting up from a random start, two files writing to one database (the end-to-end suites share
 * the system's) meet only where their runs of n₁ and n₂ numbers overlap, about (n₁ + n₂ − 1) in 10⁸.
 * Numbers drawn at random meet about as often when a file draws one, and up to n₁·n₂ in 10⁸ when
 * both draw many; a file's own numbers could repeat too.
 */
export function newMobile(prefix = '139'): string {
  return numbers.of(prefix);
}
