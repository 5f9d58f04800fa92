import type { Provider } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import { catalogueItemActive } from './known-tickets';

export interface ActiveItemsOptions {
  /** Codes held at most; the least recently used make room first. */
  readonly maxItems: number;
  /** How long an item found active is taken as active without asking intake's copy again. */
  readonly maxAgeSeconds: number;
  /** The clock ages are counted on, in milliseconds (never 0); tests step their own. */
  readonly clock?: { now(): number };
}

/**
 * A catalogue has a few dozen items; the bound only keeps a long-lived process from holding every
 * code it ever saw. Ten seconds is how much later than intake's copy a withdrawn item is refused.
 */
export const ACTIVE_ITEMS: ActiveItemsOptions = { maxItems: 1_000, maxAgeSeconds: 10 };

/** Reads whether intake's copy of the catalogue holds `code` active, in `tx`. */
export type ItemLookup<Tx> = (tx: Tx, code: string) => Promise<boolean>;

/**
 * The catalogue items a contact may name, as intake's copy held them lately (ADR 0188). Checking
 * the item was a round trip of its own in every contact's transaction, for a list that changes a
 * few times a year. Only items found active are held, and each for `maxAgeSeconds` at most: an
 * item the catalogue adds is accepted at once (a code not held is read), one it withdraws is
 * refused at most that long after intake's copy learns of it, on every replica alike, and a code
 * that was never an item takes no room however often it is sent.
 */
export class ActiveItems<Tx> {
  private readonly held: LRUCache<string, true>;

  constructor(
    private readonly lookup: ItemLookup<Tx>,
    options: ActiveItemsOptions = ACTIVE_ITEMS,
  ) {
    this.held = new LRUCache<string, true>({
      max: options.maxItems,
      ttl: options.maxAgeSeconds * 1000,
      // Each use reads the clock. A coarser resolution keeps a reading until a timer clears it: at
      // the 250 ms VerifiedTokens takes, an item would be held a quarter second or more past its
      // bound, longer on a busy event loop; a clock read costs less than that doubt.
      ttlResolution: 0,
      ...(options.clock ? { perf: options.clock } : {}),
    });
  }

  /** Whether a contact may name `code`: held as active lately, or found active in `tx` now. */
  async isActive(tx: Tx, code: string): Promise<boolean> {
    if (this.held.get(code)) return true;
    const active = await this.lookup(tx, code);
    if (active) this.held.set(code, true);
    return active;
  }
}

/** Intake's: items read from its copy of the catalogue in the contact's transaction. */
export const activeItemsOfIntake = (options: ActiveItemsOptions = ACTIVE_ITEMS): ActiveItems<EntityManager> =>
  new ActiveItems<EntityManager>(catalogueItemActive, options);

/** The service's one holding, for every contact it records. A factory: the class takes its read as a function, which tests replace. */
export const ACTIVE_ITEMS_PROVIDER: Provider = { provide: ActiveItems, useFactory: () => activeItemsOfIntake() };
