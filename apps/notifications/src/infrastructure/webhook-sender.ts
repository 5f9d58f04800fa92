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
    return { ok: false, error: failureOf(error, timeoutMs) };
  }
}

/** What a failed connection's code tells the subscription's admin, without the address it resolved to. */
const CONNECTION_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

/**
 * Why an attempt failed, as the deliveries list shows it to the subscription's admins: a category,
 * never the address the host resolved to or the network's own wording, which would map the
 * cluster's inside for whoever can point a subscription at it. TLS failures keep their code,
 * which is what a receiver's admin fixes a certificate by.
 * (The timeout's abort is a DOMException, which is not an Error in every Node version.)
 */
function failureOf(error: unknown, timeoutMs: number): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  // fetch's own error carries the socket's in `cause` (checked by shape: its Error is not always this realm's).
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  const code = codeOf(cause) ?? codeOf(error);
  if (code && CONNECTION_FAILURES[code]) return CONNECTION_FAILURES[code];
  if (code && /CERT|TLS|SSL|SELF_SIGNED/.test(code)) return `TLS: ${code}`;
  return 'request failed';
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}
