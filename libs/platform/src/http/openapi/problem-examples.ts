import type { OperationObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type { FieldParams, FieldRule } from '../../problem/field-rules';
import { fieldMessage, invalidFieldsSummary } from '../../problem/messages';
import { ProblemDetails, problem } from '../../problem/problem-details';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-key';
import { HttpMethod, isParameter } from './operations';

/** What an example is drawn from: the operation as documented so far, and the schemas it uses. */
export interface ExampleContext {
  readonly path: string;
  readonly method: HttpMethod;
  readonly operation: OperationObject & { readonly 'x-roles'?: readonly string[]; readonly 'x-roles-refusal'?: string };
  readonly schemas: Readonly<Record<string, SchemaObject | ReferenceObject>>;
}

const REF = '#/components/schemas/';

/** `/v1/webhook-subscriptions/{id}` → `WEBHOOK_SUBSCRIPTION`: the prefix of the service's own codes. */
export function resourceCode(path: string): string {
  const [, , collection = 'resource'] = path.split('/');
  return collection
    .replace(/ies$/, 'y')
    .replace(/s$/, '')
    .replace(/-/g, '_')
    .toUpperCase();
}

function bodySchema(context: ExampleContext): SchemaObject | undefined {
  const body = context.operation.requestBody;
  const media = body && !('$ref' in body) ? body.content['application/json'] : undefined;
  const schema = media?.schema;
  if (!schema) return undefined;
  const resolved = '$ref' in schema ? context.schemas[schema.$ref.slice(REF.length)] : schema;
  return resolved && !('$ref' in resolved) ? resolved : undefined;
}

/** The field error the operation most plausibly answers with: a malformed id, a missing or an unknown field. */
function typicalViolation(context: ExampleContext): { field: string; code: FieldRule; params: FieldParams } {
  const parameters = (context.operation.parameters ?? []).filter(isParameter);
  const uuidParameter = parameters.find((p) => p.in === 'path' && (p.schema as SchemaObject | undefined)?.format === 'uuid');
  if (uuidParameter) return { field: uuidParameter.name, code: 'invalid_format', params: { format: 'uuid' } };
  const body = bodySchema(context);
  const [required] = body?.required ?? [];
  if (required) return { field: required, code: 'required', params: {} };
  if (body) return { field: 'unexpected', code: 'unknown_field', params: {} };
  const enumerated = parameters.find((p) => p.in === 'query' && Array.isArray((p.schema as SchemaObject | undefined)?.enum));
  const allowed = (enumerated?.schema as SchemaObject | undefined)?.enum;
  if (enumerated && allowed) return { field: enumerated.name, code: 'not_one_of', params: { allowed: allowed.map(String) } };
  return { field: 'unexpected', code: 'unknown_field', params: {} };
}

function validationExample(context: ExampleContext): ProblemDetails {
  const { field, code, params } = typicalViolation(context);
  return problem(400, 'VALIDATION.FAILED', invalidFieldsSummary([field], 'zh-CN'), {
    instance: context.path,
    errors: [{ field, code, params, message: fieldMessage(code, params, 'zh-CN') }],
  });
}

function takesIdempotencyKey(operation: OperationObject): boolean {
  return (operation.parameters ?? []).some((p) => isParameter(p) && p.in === 'header' && p.name === IDEMPOTENCY_KEY_HEADER);
}

/** A 409: the ticket state machine's refusal on ticket commands, else the state rule of the resource. */
function conflictExample(context: ExampleContext): ProblemDetails {
  const resource = resourceCode(context.path);
  if (resource === 'TICKET' && context.method === 'post') {
    return problem(409, 'TICKET.ILLEGAL_TRANSITION', 'cannot dispatch a resolved ticket', {
      instance: context.path,
      currentStatus: 'resolved',
      command: 'dispatch',
      allowedFrom: ['new', 'dispatched', 'in_progress'],
    });
  }
  if (context.method === 'post' && takesIdempotencyKey(context.operation)) {
    return problem(409, 'IDEMPOTENCY.IN_PROGRESS', `a request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry once it has completed`, {
      instance: context.path,
    });
  }
  return problem(409, `${resource}.CONFLICT`, 'the resource’s current state does not allow this', { instance: context.path });
}

function unprocessableExample(context: ExampleContext): ProblemDetails {
  if (context.method === 'post' && takesIdempotencyKey(context.operation)) {
    return problem(422, 'IDEMPOTENCY.KEY_REUSED', `this ${IDEMPOTENCY_KEY_HEADER} was already used for a different request`, {
      instance: context.path,
      errors: [{ field: IDEMPOTENCY_KEY_HEADER, code: 'rejected', params: { reason: 'used for a different request' }, message: fieldMessage('rejected', { reason: 'used for a different request' }, 'zh-CN') }],
    });
  }
  const field = typicalViolation(context).field;
  const params = { reason: 'refused by a business rule' };
  return problem(422, `${resourceCode(context.path)}.RULE`, 'refused by a business rule', {
    instance: context.path,
    errors: [{ field, code: 'rejected', params, message: fieldMessage('rejected', params, 'zh-CN') }],
  });
}

function forbiddenDetail(roles: readonly string[] | undefined): string {
  return roles && roles.length > 0 ? `requires role ${roles.join(' or ')}` : 'the caller’s roles do not allow this';
}

/** The guard's refusal, or the business rule's where one narrows the route's roles (it answers with its own code). */
function forbiddenExample(context: ExampleContext): ProblemDetails {
  const refusal = context.operation['x-roles-refusal'];
  const roles = context.operation['x-roles'] ?? [];
  if (refusal) return problem(403, refusal, `your role may not do this here (allowed: ${roles.join(', ')})`, { instance: context.path });
  return problem(403, 'HTTP.FORBIDDEN', forbiddenDetail(roles), { instance: context.path });
}

/** A stale ETag names If-Match, the field to correct, and gives the version to reload (versionConflict). */
function staleVersionExample(context: ExampleContext): ProblemDetails {
  const reason = 'someone else changed it: at version 4, not 3; reload it';
  return problem(412, `${resourceCode(context.path)}.VERSION_CONFLICT`, reason, {
    instance: context.path,
    currentVersion: 4,
    errors: [{ field: 'If-Match', code: 'rejected', params: { reason }, message: fieldMessage('rejected', { reason }, 'zh-CN') }],
  });
}

/** An example body for an error status of an operation, in the shape the server sends for it. */
export function problemExample(status: string, context: ExampleContext): ProblemDetails {
  const instance = { instance: context.path };
  switch (status) {
    case '400':
      return validationExample(context);
    case '401':
      return problem(401, 'HTTP.UNAUTHORIZED', 'jwt expired', instance);
    case '403':
      return forbiddenExample(context);
    case '404':
      return problem(404, `${resourceCode(context.path)}.NOT_FOUND`, 'no such resource, or not one of the caller’s projects', instance);
    case '409':
      return conflictExample(context);
    case '412':
      return staleVersionExample(context);
    case '422':
      return unprocessableExample(context);
    case '428':
      return problem(428, 'IDEMPOTENCY.KEY_REQUIRED', `this operation requires an ${IDEMPOTENCY_KEY_HEADER} header`, instance);
    default:
      return problem(503, 'DEPENDENCY.UNAVAILABLE', 'a dependency is unavailable; retry after the seconds in Retry-After', instance);
  }
}

