import type { JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';

export interface VerifiedTokensOptions {
  /** Tokens held at most; the least recently used make room first. */
  readonly maxTokens: number;
  /** How long a signature check is trusted before the token's signature is checked again. */
  readonly maxAgeSeconds: number;
  /** The clock ages are counted on, in milliseconds; tests step their own. */
  readonly clock?: { now(): number };
}

/** A call centre's agents hold a few thousand tokens between them at most. */
export const VERIFIED_TOKENS: VerifiedTokensOptions = { maxTokens: 5_000, maxAgeSeconds: 60 };

/**
 * The claims of tokens whose signature, algorithm, issuer, audience and expiry were checked
 * lately, by the token's exact text (ADR 0061). A desk sends the same token with every request,
 * and checking it again cost a tenth of a caller lookup. Only tokens that passed are held, so a
 * forged or garbled one is checked every time it comes; none outlives its `exp`, and none is
 * trusted longer than `maxAgeSeconds`, so a key withdrawn from the identity provider's key set
 * stops its tokens within that time. Claims are held as jose returned them and never changed:
 * every request builds its own Principal from them.
 */
export class VerifiedTokens {
  private readonly claims: LRUCache<string, JWTPayload>;

  constructor(private readonly options: VerifiedTokensOptions = VERIFIED_TOKENS) {
    this.claims = new LRUCache<string, JWTPayload>({
      max: options.maxTokens,
      ttl: options.maxAgeSeconds * 1000,
      ...(options.clock ? { perf: options.clock, ttlResolution: 0 } : {}),
    });
  }

  /** The claims of `token` when it passed every check lately. */
  claimsOf(token: string): JWTPayload | undefined {
    return this.claims.get(token);
  }

  /** Holds a token that passed every check, for no longer than it lives from `nowSeconds`. */
  remember(token: string, claims: JWTPayload, nowSeconds: number): void {
    if (claims.exp === undefined) return;
    const ttl = Math.min(this.options.maxAgeSeconds * 1000, Math.floor((claims.exp - nowSeconds) * 1000));
    if (ttl >= 1) this.claims.set(token, claims, { ttl });
  }

  /** Tokens held now, stale ones included until they are next looked at or pushed out. */
  get size(): number {
    return this.claims.size;
  }
}
