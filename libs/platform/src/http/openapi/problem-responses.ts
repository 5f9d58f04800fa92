import type { OpenAPIObject, OperationObject, ParameterObject, ResponsesObject, SchemaObject } from '@nestjs/swagger';
import { FIELD_RULES } from '../../problem/field-rules';
import { PROBLEM_CONTENT_TYPE } from '../../problem/problem-details';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-key';
import { HttpMethod, isParameter, mapOperations } from './operations';
import { problemExample } from './problem-examples';

export const PROBLEM_SCHEMA_NAME = 'ProblemDetails';

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details; `code` is stable for programs. `errors` lists every offending field at once, each with the rule it ' +
    'breaks (`code`), that rule’s parameters and a message in the language of `Accept-Language` (zh-CN for any Chinese tag, else en).',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:cs:problem:validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    code: { type: 'string', example: 'VALIDATION.FAILED' },
    detail: { type: 'string', example: 'invalid field(s): customer.phone, content' },
    instance: { type: 'string', example: '/v1/contacts' },
    // A 409 for a command the resource's state does not allow says which state it is in and
    // which would have allowed it, so a UI can explain or refresh instead of showing a code.
    currentStatus: {
      type: 'string',
      description: 'On a 409 state conflict (`…ILLEGAL_TRANSITION`): the status the resource is in now.',
      example: 'resolved',
    },
    command: {
      type: 'string',
      description: 'On a 409 state conflict: the command that was refused.',
      example: 'dispatch',
    },
    allowedFrom: {
      type: 'array',
      items: { type: 'string' },
      description: 'On a 409 state conflict: the statuses from which the command is allowed.',
      example: ['new', 'dispatched'],
    },
    // The gateway's answer to a write the service took and did not answer (ADR 0115): a client
    // must tell it from the 503 of a request never sent, which it may send again blindly.
    outcome: {
      type: 'string',
      enum: ['unknown'],
      description:
        'On the gateway’s 504 `GATEWAY.UPSTREAM_TIMEOUT` or 503 `GATEWAY.UPSTREAM_UNAVAILABLE` for a write the service took and did not answer: ' +
        'it may have been applied. Send it again only with the same Idempotency-Key, on an operation that declares that header (then Retry-After is given); otherwise check whether it took effect first.',
      example: 'unknown',
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'code', 'params', 'message'],
        properties: {
          field: { type: 'string', description: 'Dotted path in the request, arrays by index: `attachments[0].name`.', example: 'content' },
          code: { type: 'string', enum: [...FIELD_RULES], description: 'The rule broken; stable, for programs and translations.', example: 'too_long' },
          params: {
            type: 'object',
            description: 'What the rule was checked against: `max`/`min` (too_long, too_short, too_many, too_few, out_of_range), `allowed` (not_one_of), `expected` (invalid_type), `format` (invalid_format), `fields` (exactly_one_of), `reason` (rejected, invalid_json).',
            additionalProperties: true,
            example: { max: 4000 },
          },
          message: { type: 'string', description: 'The rule in words, in the language of `Accept-Language`.', example: 'must be at most 4000 characters long' },
        },
      },
    },
  },
};

/** The errors an operation can answer with, from what every route of the chassis enforces. */
export function problemStatuses(path: string, method: HttpMethod, readsIfMatch = false, requiresIdempotencyKey = false): Record<string, string> {
  const statuses: Record<string, string> = {
    '400': 'A field is invalid or unknown; `errors` names each one.',
    '401': 'Missing, expired or invalid credentials.',
    '403': 'The caller’s roles or permissions do not allow this.',
  };
  if (path.includes('{')) statuses['404'] = 'No such resource, or not one the caller may see.';
  if (method !== 'get') {
    statuses['409'] = method === 'post'
      ? 'The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running.'
      : 'The resource’s state does not allow this now.';
    statuses['422'] = 'Well-formed but refused by a business rule, or an Idempotency-Key reused with another body.';
  } else {
    statuses['422'] = 'Well-formed but refused by a business rule.';
  }
  if (readsIfMatch) statuses['412'] = 'If-Match does not name the current version.';
  if (requiresIdempotencyKey) statuses['428'] = 'The Idempotency-Key header is missing.';
  return statuses;
}

function header(operation: OperationObject, name: string): ParameterObject | undefined {
  return (operation.parameters ?? []).filter(isParameter).find((p) => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase());
}

/** What an operation's `default` response covers, the gateway's answers for a service that did not answer among them (ADR 0115). */
const DEFAULT_PROBLEM_DESCRIPTION =
  'Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; ' +
  '504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` ' +
  '(as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares.';

/**
 * Documents the problem+json answers on every operation, explicit codes for the ones clients
 * branch on and `default` for the rest (429, 503…), without touching responses a controller
 * declared itself.
 */
export function documentProblemResponses(document: OpenAPIObject): OpenAPIObject {
  const schema = { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` };
  const schemas = document.components?.schemas ?? {};
  const withProblems = mapOperations(document, (operation, path, method) => {
    const statuses = problemStatuses(path, method, header(operation, 'If-Match') !== undefined, header(operation, IDEMPOTENCY_KEY_HEADER)?.required === true);
    const added: ResponsesObject = Object.fromEntries(
      Object.entries({ ...statuses, default: DEFAULT_PROBLEM_DESCRIPTION }).map(
        ([status, description]) => [
          status,
          { description, content: { [PROBLEM_CONTENT_TYPE]: { schema, example: problemExample(status, { path, method, operation, schemas }) } } },
        ],
      ),
    );
    return { ...operation, responses: { ...added, ...operation.responses } };
  });
  return {
    ...withProblems,
    components: {
      ...document.components,
      schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA },
    },
  };
}
