import type { DevTokenInput } from '@cs/auth';

export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export async function devToken(input: DevTokenInput): Promise<string> {
  const { DEV_JWT_SECRET, signDevToken } = await import('./dev-token-signing');
  return signDevToken(input, process.env['JWT_SECRET'] ?? DEV_JWT_SECRET);
}

/** A JSON call to a running service with a bearer token; `timeoutMs` rejects a call left unanswered that long. */
export async function callJson<T = unknown>(
  url: string,
  options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}
