import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { changedRows, execute, selectRows } from '@cs/persistence';
import { SERVICE_CONFIG } from '@cs/platform';

/** What a link names: the callback and the link's own nonce; never anything about the customer. */
export interface QuestionnaireClaim {
  readonly callbackId: string;
  readonly nonce: string;
  readonly expiresAt: Date;
}

export type LinkCheck = { readonly ok: true; readonly claim: QuestionnaireClaim } | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NonceRow = Type.Object({ nonce: Type.String() });

/**
 * 问卷回访 links: `<claim>.<HMAC-SHA256 of claim>`, so a tampered or made-up link is refused
 * without a query; the nonce row makes each link answerable once, and lets a link be withdrawn.
 */
@Injectable()
export class QuestionnaireLinks {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceConfig, 'questionnaire'>) {}

  private sign(claim: string): string {
    return createHmac('sha256', this.config.questionnaire.secret).update(claim).digest('base64url');
  }

  /** A new link for the callback, stored in the caller's transaction; returns its token and URL. */
  async issue(tx: EntityManager, callbackId: string, now: Date): Promise<{ token: string; url: string; expiresAt: Date }> {
    const nonce = randomBytes(16).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.questionnaire.ttlSeconds * 1000);
    const claim = Buffer.from(JSON.stringify({ c: callbackId, n: nonce, e: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
    const token = `${claim}.${this.sign(claim)}`;
    await execute(tx, 'INSERT INTO questionnaire_links (nonce, callback_id, expires_at) VALUES ($1, $2, $3)', [nonce, callbackId, expiresAt]);
    return { token, url: `${this.config.questionnaire.baseUrl}/v1/questionnaires/${token}`, expiresAt };
  }

  /** Whether the token is one this service signed and has not expired; says nothing of whether it was answered. */
  check(token: string, now: Date): LinkCheck {
    const [claim, signature, ...rest] = token.split('.');
    if (!claim || !signature || rest.length > 0) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.sign(claim));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(claim, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    const { c, n, e } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    if (typeof c !== 'string' || !UUID.test(c) || typeof n !== 'string' || typeof e !== 'number') return { ok: false, reason: 'invalid' };
    const expiresAt = new Date(e * 1000);
    if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, claim: { callbackId: c, nonce: n, expiresAt } };
  }

  /** Uses the link up, in the transaction that records the answer; false when it was answered (or withdrawn) before. */
  async redeem(tx: EntityManager, claim: QuestionnaireClaim, now: Date): Promise<boolean> {
    const used = await changedRows(
      tx,
      NonceRow,
      'UPDATE questionnaire_links SET answered_at = $3 WHERE nonce = $1 AND callback_id = $2 AND answered_at IS NULL AND expires_at > $3 RETURNING nonce',
      [claim.nonce, claim.callbackId, now],
    );
    return used.length === 1;
  }

  /** Whether the link can still be answered, for showing the page (nothing is recorded). */
  async open(tx: EntityManager, claim: QuestionnaireClaim): Promise<boolean> {
    const rows = await selectRows(tx, NonceRow, 'SELECT nonce FROM questionnaire_links WHERE nonce = $1 AND answered_at IS NULL', [claim.nonce]);
    return rows.length === 1;
  }
}
