import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { Nullable, Queryable, type WritePart, changedRows, execute, selectRow, writeTogether } from '@cs/persistence';
import { SERVICE_CONFIG } from '@cs/platform';

/** What a link names: the callback and the link's own nonce; never anything about the customer. */
export interface QuestionnaireClaim {
  readonly callbackId: string;
  readonly nonce: string;
  readonly expiresAt: Date;
}

/** A link as sent: the callback it is for, its nonce, the token and URL carrying them, and its expiry. */
export interface IssuedLink {
  readonly callbackId: string;
  readonly nonce: string;
  readonly token: string;
  readonly url: string;
  readonly expiresAt: Date;
}

export type LinkCheck = { readonly ok: true; readonly claim: QuestionnaireClaim } | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

const NonceRow = Type.Object({ nonce: Type.String() });
const LinkRow = Type.Object({ answered_at: Nullable(Type.Date()), expires_at: Type.Date() });

/** open: answerable; answered: used up; expired: past its time unanswered; withdrawn: taken back (the customer erased). */
export type LinkState = 'open' | 'answered' | 'expired' | 'withdrawn';

/** Claim bytes: the callback id (16), the nonce (10), the expiry in epoch seconds (4). */
const CLAIM_BYTES = 30;
const NONCE_BYTES = 10;
/** A 128-bit truncated HMAC: forging it is as hopeless, and the link stays short enough for an SMS. */
const SIGNATURE_BYTES = 16;

/** The clock a link's issue is read from; only a test gives another. */
export const LINK_CLOCK = Symbol('LINK_CLOCK');

const uuidOf = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/**
 * 问卷回访 links: `<claim>.<HMAC of claim>`, base64url, so a tampered or made-up link is refused
 * without a query. The claim names the callback and the link's nonce, nothing about the
 * customer; the nonce row makes each link answerable once.
 */
@Injectable()
export class QuestionnaireLinks {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: { readonly questionnaire: Pick<ServiceConfig['questionnaire'], 'secret' | 'baseUrl' | 'ttlSeconds'> },
    @Optional() @Inject(LINK_CLOCK) private readonly clock: () => Date = () => new Date(),
  ) {}

  private sign(claim: Buffer): Buffer {
    return createHmac('sha256', this.config.questionnaire.secret).update(claim).digest().subarray(0, SIGNATURE_BYTES);
  }

  /** A new link for the callback scheduled at `at`, stored in the caller's transaction; returns its token and URL. */
  async issue(tx: EntityManager, callbackId: string, at: Date): Promise<IssuedLink> {
    const link = this.mint(callbackId, at);
    await writeTogether(tx, [this.storeAllPart([link])]);
    return link;
  }

  /**
   * A new link for the callback scheduled at `at`, signed but not stored: `storeAllPart` stores it.
   * It lives its lifetime from when it is issued, never from before: `at` is the instant of what
   * scheduled it, which a resolution replayed from the dead-letter topic or a plan run behind its
   * schedule puts days back, and the customer would be sent a link already expired. The later of
   * the two, so an event stamped by a clock ahead of this one still gives its full lifetime.
   */
  mint(callbackId: string, at: Date): IssuedLink {
    const nonce = randomBytes(NONCE_BYTES);
    const issuedAt = Math.max(at.getTime(), this.clock().getTime());
    const expiresAt = new Date((Math.floor(issuedAt / 1000) + this.config.questionnaire.ttlSeconds) * 1000);
    const expiry = Buffer.alloc(4);
    expiry.writeUInt32BE(expiresAt.getTime() / 1000);
    const claim = Buffer.concat([Buffer.from(callbackId.replace(/-/g, ''), 'hex'), nonce, expiry]);
    const token = `${claim.toString('base64url')}.${this.sign(claim).toString('base64url')}`;
    return { callbackId, nonce: nonce.toString('base64url'), token, url: `${this.config.questionnaire.baseUrl}/v1/questionnaires/${token}`, expiresAt };
  }

  /** Minted links, any number: a part of a statement written with others (`writeTogether`); none when there are none. */
  storeAllPart(links: readonly IssuedLink[]): WritePart | undefined {
    if (links.length === 0) return undefined;
    const rows = links.map((l) => ({ nonce: l.nonce, callback_id: l.callbackId, expires_at: l.expiresAt }));
    return (bind) =>
      `INSERT INTO questionnaire_links (nonce, callback_id, expires_at)
       SELECT nonce, callback_id, expires_at FROM jsonb_to_recordset(${bind(JSON.stringify(rows))}::jsonb) AS l(nonce text, callback_id uuid, expires_at timestamptz)`;
  }

  /** Whether the token is one this service signed and has not expired; says nothing of whether it was answered. */
  check(token: string, now: Date): LinkCheck {
    const [claimText, signatureText, ...rest] = token.split('.');
    if (!claimText || !signatureText || rest.length > 0) return { ok: false, reason: 'invalid' };
    const claim = Buffer.from(claimText, 'base64url');
    const signature = Buffer.from(signatureText, 'base64url');
    // Decoding skips characters outside base64url, so only the link as minted is taken: one with any added is no link this service gave.
    const asMinted = claim.toString('base64url') === claimText && signature.toString('base64url') === signatureText;
    if (!asMinted || claim.length !== CLAIM_BYTES || signature.length !== SIGNATURE_BYTES || !timingSafeEqual(this.sign(claim), signature)) {
      return { ok: false, reason: 'invalid' };
    }
    const expiresAt = new Date(claim.readUInt32BE(16 + NONCE_BYTES) * 1000);
    if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    const claimed = { callbackId: uuidOf(claim.subarray(0, 16).toString('hex')), nonce: claim.subarray(16, 16 + NONCE_BYTES).toString('base64url'), expiresAt };
    return { ok: true, claim: claimed };
  }
  /** Uses the link up, in the transaction that records the answer; false when it was answered, withdrawn or expired by `now` (`state` says which). */
  async redeem(tx: EntityManager, claim: QuestionnaireClaim, now: Date): Promise<boolean> {
    const used = await changedRows(
      tx,
      NonceRow,
      'UPDATE questionnaire_links SET answered_at = $3 WHERE nonce = $1 AND callback_id = $2 AND answered_at IS NULL AND expires_at > $3 RETURNING nonce',
      [claim.nonce, claim.callbackId, now],
    );
    return used.length === 1;
  }

  /** Where the link stands at `now` (nothing is recorded): withdrawn when its row is gone; an answered one stays answered once expired. */
  async state(db: Queryable, claim: QuestionnaireClaim, now: Date): Promise<LinkState> {
    const row = await selectRow(db, LinkRow, 'SELECT answered_at, expires_at FROM questionnaire_links WHERE nonce = $1 AND callback_id = $2', [claim.nonce, claim.callbackId]);
    if (!row) return 'withdrawn';
    if (row.answered_at !== null) return 'answered';
    return row.expires_at.getTime() <= now.getTime() ? 'expired' : 'open';
  }

  /** PIPL erasure: the links sent to the customer are withdrawn; one opened afterwards is no longer needed. */
  async withdrawAllOf(tx: EntityManager, customerId: string): Promise<void> {
    await execute(tx, 'DELETE FROM questionnaire_links l USING callbacks c WHERE c.id = l.callback_id AND c.customer_id = $1', [customerId]);
  }
}
