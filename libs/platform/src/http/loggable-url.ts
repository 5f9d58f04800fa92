import type { FastifyRequest } from 'fastify';
import { codeHoldsPersonalData, redactPersonalData } from '@cs/privacy';
import { NO_PLAIN_QUERY_PARAMETERS, type PlainQueryParameters, plainQueryParametersOfRequest } from './plain-query-parameters';

/**
 * Query parameters that carry personal data by name: their values never reach a log line. A
 * building and room together are a customer's home; each alone is short enough for the free-text
 * redaction to keep (1202), so they are masked by name.
 */
const PERSONAL_PARAMETERS = new Set(['phone', 'email', 'name', 'idnumber', 'idcard', 'address', 'mobile', 'building', 'room', 'unit']);

/**
 * Paths whose rest is a credential: a questionnaire link's token is all a customer needs to
 * answer, so whoever reads the logs could answer for them. Matched on the URL, not the route
 * template, so the gateway, whose routes are prefixes, masks it too; and matched as a link
 * mangled on its way still reaches a server (another case, a slash doubled or escaped, a `;`, the
 * token run into the word or a segment before it): all the path holds after the prefix is masked.
 */
const CREDENTIAL_PATHS = [/^([^?#]*?(?:\/|%2f)v1(?:\/|%2f)+questionnaires(?:\/|%2f|;)?)(?=[^?#]*[^/?#])[^?#]*/i];

/**
 * The request URL as it may be logged: credentials in the path masked, personal parameters
 * masked whole, every other value redacted like free text (a search box can hold a dictated
 * phone number) unless `plain` declares it a number, one of a list or a UUID and it is one (and a
 * number holds no phone or ID number: `limit=13800138000`).
 */
export function loggableUrl(url: string, plain: PlainQueryParameters = NO_PLAIN_QUERY_PARAMETERS): string {
  const masked = CREDENTIAL_PATHS.reduce((u, pattern) => u.replace(pattern, '$1***'), url);
  const queryAt = masked.indexOf('?');
  if (queryAt < 0) return masked;
  const path = masked.slice(0, queryAt);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(masked.slice(queryAt + 1));
  } catch {
    return `${path}?…`;
  }
  const shown = [...params].map(([key, value]) => {
    const masked = PERSONAL_PARAMETERS.has(key.toLowerCase()) ? '***' : shownAsDeclared(plain, key, value) ?? redactPersonalData(value);
    return `${encodeURIComponent(key)}=${encodeURIComponent(masked).replace(/%2A/g, '*')}`;
  });
  return shown.length > 0 ? `${path}?${shown.join('&')}` : path;
}

/** A value its parameter declares plain and that is so, as it was sent; undefined for any other. */
function shownAsDeclared(plain: PlainQueryParameters, key: string, value: string): string | undefined {
  const shape = plain.get(key);
  return shape !== undefined && shape(value) && !codeHoldsPersonalData(value) ? value : undefined;
}

/**
 * A problem's `instance`: the request URL as it may be logged. A problem is shown, copied into
 * tickets and logged by clients and proxies far from the request, so it names the operation and
 * its parameters without echoing a searched phone, e-mail or name (`?phone=138…` refused for
 * another parameter) or a credential in the path; a value its route declares a number, one of a
 * list or a UUID is shown as sent (`limit=99999999`, which free text would mask as a landline).
 */
export function problemInstance(request: FastifyRequest): string {
  return loggableUrl(request.url, plainQueryParametersOfRequest(request));
}
