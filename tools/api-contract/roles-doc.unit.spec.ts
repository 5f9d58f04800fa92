import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationObject } from '@nestjs/swagger';
import { ROLES, type Role } from '@cs/auth';
import {
  APPROVE_CAP_EXCEPTION,
  ESCALATE_TO_LEADERS,
  RECLASSIFY_JUDGED,
  REOPEN_CLOSED,
  type TicketAction,
} from '../../apps/tickets/src/domain/ticket-access';
import { rolesTaking } from '../../apps/tickets/src/api/action-roles';
import { buildMergedDocument, operationsOf } from './service-documents';

type Operation = OperationObject & { readonly 'x-roles'?: readonly Role[] };

const ROLES_DOC = join(__dirname, '../../docs/roles.md');

/** A row of one of roles.md's tables: the operations its cell names, and the roles it ticks. */
interface Row {
  readonly text: string;
  readonly names: readonly string[];
  readonly roles: readonly Role[];
}

/** The table under a heading: its rows' cells, the header and the separator left out. */
function tableUnder(markdown: string, heading: string): string[][] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\|[-| ]+\|$/.test(line))
    .slice(1)
    .map((line) => line.slice(2, -2).split(/(?<!\\) \| /));
}

const ticked = (cells: readonly string[]): Role[] => ROLES.filter((_, i) => cells[i] === '✓');
const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/**
 * `GET/PUT /v1/x/{id}`, `POST /v1/x/{id}/a\|b`, then `…/c` (under the last full path, the last
 * method), `POST /v1/x…` (every path under it): the operations an endpoint cell names, as
 * `METHOD path` or, for a trailing `…`, `METHOD path…`.
 */
function endpointNames(cell: string): string[] {
  let methods: string[] = [];
  let base = '';
  return codeSpans(cell).flatMap((span) => {
    const full = /^([A-Z/]+) (\/\S*)$/.exec(span);
    if (!full && !span.startsWith('…/')) return [];
    if (full) methods = full[1]!.split('/');
    const [head = '', ...alternatives] = (full ? full[2]! : `${base}${span.slice(1)}`).split('\\|');
    if (full) base = head;
    const parent = head.replace(/\/[^/]*$/, '');
    const paths = [head, ...alternatives.map((leaf) => `${parent}/${leaf}`)];
    return methods.flatMap((method) => paths.map((path) => `${method} ${path}`));
  });
}

/** `validity`, `suggestion/evaluation`, then `…/forward` (beside the last): the ticket commands a cell names. */
function ticketActionNames(cell: string): string[] {
  let parent = '';
  return codeSpans(cell).map((span) => {
    const path = span.startsWith('…/') ? `${parent}${span.slice(1)}` : span;
    parent = path.replace(/\/[^/]*$/, '');
    return `POST /v1/tickets/{id}/${path}`;
  });
}

function rowsOf(markdown: string): Row[] {
  const endpoints = tableUnder(markdown, 'Endpoints').map(([, endpoint = '', ...cells]) => ({ text: endpoint, names: endpointNames(endpoint), roles: ticked(cells) }));
  const actions = tableUnder(markdown, 'Ticket actions').map(([action = '', ...cells]) => ({ text: action, names: ticketActionNames(action), roles: ticked(cells) }));
  return [...endpoints, ...actions];
}

/** The roles that may take the action and are in the list a narrowing of the ticket access rule keeps it to. */
const narrowedTo = (action: TicketAction, list: readonly string[]): Role[] => rolesTaking(action).filter((role) => list.includes(role));

/**
 * The Ticket actions rows for an operation's narrowed cases, by how each begins, and the roles the
 * rule's narrowing admits: the rows naming an operation tick its roles together, so a narrowed row
 * ticking a role the narrowing refuses (an agent reopening a closed ticket) is checked here.
 */
const NARROWED_ROWS: Readonly<Record<string, readonly Role[]>> = {
  'reopen a **closed** ticket': narrowedTo('reopen', REOPEN_CLOSED),
  'escalate to level 2': narrowedTo('escalate', ESCALATE_TO_LEADERS),
  'move a matter already judged': narrowedTo('amend_record', RECLASSIFY_JUDGED),
  // Approved with either command's `exception`: whoever takes either may be refused it.
  'approve a reply beyond its cap': ROLES.filter((role) => APPROVE_CAP_EXCEPTION.includes(role)),
};

function namesOperation(name: string, operation: string): boolean {
  return name.endsWith('…') ? operation.startsWith(name.slice(0, -1)) : operation === name;
}

describe('docs/roles.md, against the roles the API document names', () => {
  let operations: Map<string, Operation>;
  let rows: Row[];

  beforeAll(async () => {
    operations = new Map(operationsOf(await buildMergedDocument()));
    rows = rowsOf(readFileSync(ROLES_DOC, 'utf8'));
  });

  it('ticks, for every operation, the roles the document names (a public one: every role), over the rows naming it', () => {
    const differing = [...operations].flatMap(([name, operation]) => {
      const documented = ROLES.filter((role) => (operation['x-roles'] ?? ROLES).includes(role));
      const naming = rows.filter((row) => row.names.some((n) => namesOperation(n, name)));
      const ticks = ROLES.filter((role) => naming.some((row) => row.roles.includes(role)));
      return naming.length > 0 && ticks.join() === documented.join() ? [] : [`${name}: roles.md ${naming.length > 0 ? ticks.join(', ') : 'names it nowhere'}; the API ${documented.join(', ')}`];
    });
    expect(differing).toEqual([]);
  });

  it('ticks, on each row of a narrowed case, the roles the ticket access rule’s narrowing admits', () => {
    const ticked = Object.keys(NARROWED_ROWS).map((start) => [start, rows.filter((row) => row.text.startsWith(start)).map((row) => row.roles)]);
    expect(ticked).toEqual(Object.entries(NARROWED_ROWS).map(([start, roles]) => [start, [roles]]));
  });

  // The gateway's sign-in exists only in development and is left out of the merged document; an
  // exception to a reply cap is a field of two commands, named beside them.
  it('names only operations the API has (the gateway’s development sign-in aside)', () => {
    const stale = rows.flatMap((row) =>
      row.names.filter((n) => n !== 'POST /v1/dev/token' && !n.endsWith('/exception') && ![...operations.keys()].some((operation) => namesOperation(n, operation))),
    );
    expect(stale).toEqual([]);
  });
});
