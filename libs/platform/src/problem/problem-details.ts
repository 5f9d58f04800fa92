import { presentProps } from '@cs/ddd';
import type { FieldParams, FieldRule } from './field-rules';

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  /** Stable machine-readable code, e.g. `VALIDATION.FAILED`, `TICKET.ILLEGAL_TRANSITION`. */
  readonly code: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** One broken rule on one request field, as a UI places and translates it. */
export interface FieldError {
  /** Dotted path of the offending field in the request, e.g. `customer.phone`, `attachments[0].name`. */
  readonly field: string;
  /** The stable rule broken, e.g. `too_long`; see `FIELD_RULES`. */
  readonly code: FieldRule;
  /** What the rule was checked against, e.g. `{ max: 4000 }`. */
  readonly params: FieldParams;
  /** The rule in words, in the language the request asked for. */
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function problem(
  status: number,
  code: string,
  detail?: string,
  extra: { errors?: readonly FieldError[]; instance?: string; [key: string]: unknown } = {},
): ProblemDetails {
  // Extensions never override the members RFC 9457 defines.
  return {
    ...extra,
    type: `urn:cs:problem:${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    ...presentProps({ detail }),
  };
}
