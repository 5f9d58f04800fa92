import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { operations } from './schema';

/** The operations the agent desk's main flow calls (examples/agent-flow.ts). */
const AGENT_FLOW = [
  'ContactsController_record',
  'TicketsController_list',
  'TicketsController_get',
  'TicketsController_dispatch',
  'TicketsController_replies',
  'TicketsController_resolve',
] as const;
type AgentFlowOperation = (typeof AGENT_FLOW)[number];

type SuccessBody<Operation> = Operation extends { responses: infer Responses }
  ? Responses extends { 200: { content: { 'application/json': infer Body } } }
    ? Body
    : Responses extends { 201: { content: { 'application/json': infer Body } } }
      ? Body
      : never
  : never;
type IsTyped<T> = [T] extends [never] ? false : unknown extends T ? false : true;

// Compile-time: tsc refuses `true` for an operation whose success body became never or unknown.
const typed: { readonly [K in AgentFlowOperation]: IsTyped<SuccessBody<operations[K]>> } = {
  ContactsController_record: true,
  TicketsController_list: true,
  TicketsController_get: true,
  TicketsController_dispatch: true,
  TicketsController_replies: true,
  TicketsController_resolve: true,
};

type SuccessStatus = 200 | 201 | 202;
type JsonBodies<Responses> = {
  [S in keyof Responses & SuccessStatus]: Responses[S] extends { content: infer Content } ? Content[keyof Content] : never;
}[keyof Responses & SuccessStatus];
/** Operations with a success status that carries a body (JSON, or a stream's text), whose body type is never or unknown. */
type UntypedOperation = {
  [K in keyof operations]: operations[K] extends { responses: infer Responses }
    ? [keyof Responses & SuccessStatus] extends [never]
      ? never
      : IsTyped<JsonBodies<Responses>> extends true
        ? never
        : K
    : K;
}[keyof operations];

// Compile-time, for the whole API: tsc refuses this while any operation's success body is untyped,
// naming the operation in its message.
const everyOperationTyped: [UntypedOperation] extends [never] ? 'every operation typed' : UntypedOperation = 'every operation typed';

const source = readFileSync(join(__dirname, 'schema.d.ts'), 'utf8');

/** The text of one member of a top-level interface, by its four-space indentation. */
function member(name: string): string {
  const start = source.indexOf(`\n    ${name}: {\n`);
  if (start < 0) throw new Error(`${name} is not in the generated schema`);
  const end = source.indexOf('\n    };\n', start);
  return source.slice(start, end);
}

function schemaMember(name: string): string {
  const start = source.indexOf(`\n        ${name}: {\n`);
  if (start < 0) return '';
  return source.slice(start, source.indexOf('\n        };\n', start));
}

describe('the generated API types', () => {
  it('type every agent-flow operation’s success body', () => {
    expect(Object.keys(typed).sort()).toEqual([...AGENT_FLOW].sort());
  });

  it('type every operation’s success body (checked by the compiler)', () => {
    expect(everyOperationTyped).toBe('every operation typed');
  });

  it.each(AGENT_FLOW)('give %s a success body that is a named object schema with properties', (operationId) => {
    const responses = member(operationId).split('responses: {')[1] ?? '';
    const success = /\n {12}20[01]: \{[\s\S]*?"application\/json": ([^;]+);/.exec(responses);
    expect(success?.[1]).toMatch(/^components\["schemas"\]\["\w+"\]$/);
    const schemaName = /\["(\w+)"\]$/.exec(success![1]!)![1]!;
    const schema = schemaMember(schemaName);
    expect(schema).not.toBe('');
    expect(schema).toMatch(/\n {12}\w+\??: /);
    expect(schema).not.toMatch(/: (unknown|never);/);
  });
});
