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
 * A run of what a questionnaire token is written with (base64url and its dot), percent-escaped or
 * not, wherever it stands in the URL. A browser takes dot segments out before it sends a link
 * (`/v1/questionnaires/../<token>` arrives as `/v1/<token>`), so a token reaches a server under
 * any path, where no prefix names it (ADR 0167).
 */
const TOKEN_TEXT_RUN = /(?:[\w.-]|%[\da-f]{2})+/gi;
/**
 * What makes a run a token, or what is left of one: callbacks' links are a 30-byte claim (40
 * base64url characters) and its signature after a dot, so a claim whole before a dot is one
 * however it was cut after it (an SMS split) or run into the words around it.
 */
const TOKEN_SHAPE = /[\w-]{40}\./;
/** Reading escapes only shortens a run, so one shorter than a claim and its dot holds none. */
const TOKEN_SHAPE_LENGTH = 41;
const ESCAPE = /%([\da-f]{2})/gi;
const TOKEN_CHARACTER = /^[\w.%-]$/;
/** A link escaped again on its way (`%2E` as `%252E`) is a token still to whoever reads it: escapes are read this many times over. */
const ESCAPE_ROUNDS = 3;

/** The run with the escapes of token characters (and of `%`, for an escape escaped again) read as those characters. */
function unescapedTokenText(run: string): string {
  let text = run;
  for (let round = 0; round < ESCAPE_ROUNDS; round += 1) {
    const next = text.replace(ESCAPE, (escape, hex: string) => {
      const character = String.fromCharCode(Number.parseInt(hex, 16));
      return TOKEN_CHARACTER.test(character) ? character : escape;
    });
    if (next === text) return text;
    text = next;
  }
  return text;
}

/** The URL with every run shaped like a questionnaire token masked whole, in its path or its query. */
function withTokensMasked(url: string): string {
  return url.replace(TOKEN_TEXT_RUN, (run) => (run.length >= TOKEN_SHAPE_LENGTH && TOKEN_SHAPE.test(unescapedTokenText(run)) ? '***' : run));
}

/**
 * The request URL as it may be logged: credentials in the path and questionnaire tokens anywhere
 * in it masked, personal parameters masked whole, every other value redacted like free text (a
 * search box can hold a dictated phone number) unless `plain` declares it a number, one of a list or a UUID and it is one (and a
 * number holds no phone or ID number: `limit=13800138000`).
 */
export function loggableUrl(url: string, plain: PlainQueryParameters = NO_PLAIN_QUERY_PARAMETERS): string {
  const masked = CREDENTIAL_PATHS.reduce((u, pattern) => u.replace(pattern, '$1***'), withTokensMasked(url));
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
