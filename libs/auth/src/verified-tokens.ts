import type { JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';

export interface VerifiedTokensOptions {
  /** Tokens held at most; the least recently used make room first. */
  readonly maxTokens: number;
  /** How long a signature check is trusted before the token's signature is checked again. */
  readonly maxAgeSeconds: number;
  /** The clock ages are counted on, in milliseconds (never 0); tests step their own. */
  readonly clock?: { now(): number };
}

/** A call centre's agents hold a few thousand tokens between them at most. */
export const VERIFIED_TOKENS: VerifiedTokensOptions = { maxTokens: 5_000, maxAgeSeconds: 60 };

/** Longer tokens are checked every time: 5,000 of them would otherwise hold 80 MB of header text. */
export const LONGEST_HELD_TOKEN = 4_096;

/**
 * A compact JWS whose signature is spelled the one way its bytes are: jose decodes base64url
 * leniently (a trailing `=` or `~`, a last character differing in its unused bits), so one valid
 * token has many spellings that pass, and each would be an entry of its own.
 */
function canonical(token: string): boolean {
  if (token.length > LONGEST_HELD_TOKEN || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return false;
  const signature = token.slice(token.lastIndexOf('.') + 1);
  return Buffer.from(signature, 'base64url').toString('base64url') === signature;
}

/**
 * The claims of tokens whose signature, algorithm, issuer, audience and expiry were checked
 * lately, by the token's text (ADR 0061). A desk sends the same token with every request, and
 * checking it again cost a tenth of a caller lookup. Only tokens that passed are held, each in
 * one spelling, so neither a forgery nor a respelling of a valid token takes room; none is held
 * past its `exp` on the wall clock (looked at on every use) nor trusted longer than
 * `maxAgeSeconds`, so a key withdrawn from the identity provider's key set stops its tokens
 * within that time. Claims are held as jose returned them, frozen: every request builds its own
 * Principal from them. One per verifier: claims passed one verifier's checks, not another's.
 */
export class VerifiedTokens {
  private readonly claims: LRUCache<string, Readonly<JWTPayload>>;

  constructor(private readonly options: VerifiedTokensOptions = VERIFIED_TOKENS) {
    this.claims = new LRUCache<string, Readonly<JWTPayload>>({
      max: options.maxTokens,
      ttl: options.maxAgeSeconds * 1000,
      // The wall clock bounds each use below, so the age may be read a quarter second coarse.
      ...(options.clock ? { perf: options.clock, ttlResolution: 0 } : { ttlResolution: 250 }),
    });
  }

  /** The claims of `token` when it passed every check lately and has not expired since. */
  claimsOf(token: string): Readonly<JWTPayload> | undefined {
    const claims = this.claims.get(token);
    if (claims === undefined) return undefined;
    if (claims.exp === undefined || claims.exp * 1000 <= Date.now()) {
      this.claims.delete(token);
      return undefined;
    }
    return claims;
  }

  /** Holds a token that passed every check, for no longer than it lives. */
  remember(token: string, claims: JWTPayload): void {
    if (claims.exp === undefined || !canonical(token)) return;
    const ttl = Math.min(this.options.maxAgeSeconds * 1000, Math.floor(claims.exp * 1000 - Date.now()));
    if (ttl >= 1) this.claims.set(token, Object.freeze(claims), { ttl });
  }

  /** Tokens held now, stale ones included until they are next looked at or pushed out. */
  get size(): number {
    return this.claims.size;
  }
}
