import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

export interface SendResult {
  readonly ok: boolean;
  readonly statusCode?: number;
  readonly error?: string;
}

export interface WebhookRequest {
  readonly deliveryId: string;
  readonly eventType: string;
  readonly url: string;
  readonly secret: string;
  readonly payload: string;
}

/**
 * One attempt: a signed POST that must answer 2xx within the timeout. Redirects are not
 * followed — a receiver that moved is a failure its admin should see, not a hop to a URL
 * nobody approved.
 */
export async function sendWebhook(request: WebhookRequest, timeoutMs: number, now: Date = new Date()): Promise<SendResult> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'cs-platform-notifications/1',
        'x-cs-event': request.eventType,
        'x-cs-delivery': request.deliveryId,
        [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(request.secret, request.payload, now),
      },
      body: request.payload,
    });
    await response.body?.cancel();
    return { ok: response.status >= 200 && response.status < 300, statusCode: response.status };
  } catch (error) {
    return { ok: false, error: failureOf(error, timeoutMs).slice(0, 500) };
  }
}

/** The timeout's abort is a DOMException, which is not an Error in every Node version. */
function failureOf(error: unknown, timeoutMs: number): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
