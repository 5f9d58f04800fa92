/**
 * The agent desk's main flow through the typed client: record a phone contact, wait for the
 * ticket it opens, dispatch it, reply to the customer and resolve it. Against a running stack:
 *
 *   node dist/libs/api-client/examples/agent-flow.js http://127.0.0.1:3000 "$TOKEN"
 *
 * with an agent's token for project P001 (README, "Calling the API").
 */
import { randomUUID } from 'node:crypto';
import { createApiClient, type ApiClient, type Schema } from '../src';

type Ticket = Schema<'TicketView'>;

/** A problem+json body as one line, so a refused step says why. */
function failure(step: string, error: { title?: string; detail?: string; code?: string } | undefined, status: number): Error {
  return new Error(`${step}: ${status} ${error?.code ?? ''} ${error?.detail ?? error?.title ?? ''}`.trim());
}

/** The ticket opens asynchronously (intake → Kafka → tickets), usually within a second. */
async function ticketOf(api: ApiClient, contactId: string, attempts = 30): Promise<Ticket> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const { data, error, response } = await api.GET('/v1/tickets', { params: { query: { contactId } } });
    if (error) throw failure('find the ticket', error, response.status);
    const [ticket] = data.items;
    if (ticket) return ticket;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`no ticket for contact ${contactId} after ${attempts} s`);
}

export async function agentFlow(api: ApiClient): Promise<Ticket> {
  const recorded = await api.POST('/v1/contacts', {
    headers: { 'Idempotency-Key': randomUUID() },
    body: {
      channel: 'phone',
      content: '3栋电梯停在12楼',
      customer: { name: '张三', phone: '138 1234 5678', projectCode: 'P001', building: '3', room: '1202' },
      itemCode: 'repair.public_area',
    },
  });
  if (recorded.error) throw failure('record the contact', recorded.error, recorded.response.status);

  const opened = await ticketOf(api, recorded.data.id);
  const path = { id: opened.id };

  const dispatched = await api.POST('/v1/tickets/{id}/dispatch', { params: { path }, body: { department: 'engineering' } });
  if (dispatched.error) throw failure('dispatch', dispatched.error, dispatched.response.status);

  const replied = await api.POST('/v1/tickets/{id}/replies', {
    params: { path },
    body: { message: '您好，电梯维修人员已出发，预计30分钟内到达。' },
  });
  if (replied.error) throw failure('reply', replied.error, replied.response.status);

  const resolved = await api.POST('/v1/tickets/{id}/resolve', { params: { path }, body: { resolution: '电梯已修复并通过安全检查。' } });
  if (resolved.error) throw failure('resolve', resolved.error, resolved.response.status);
  return resolved.data;
}

if (require.main === module) {
  const [baseUrl, token] = process.argv.slice(2);
  if (!baseUrl || !token) {
    process.stderr.write('usage: agent-flow.js <base URL, e.g. http://127.0.0.1:3000> <bearer token>\n');
    process.exitCode = 2;
  } else {
    agentFlow(createApiClient(baseUrl, token)).then(
      (ticket) => process.stdout.write(`ticket ${ticket.number} is ${ticket.status}\n`),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
