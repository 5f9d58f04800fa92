import { Figure, latencyOf, round } from './figures';
import { contactBody } from './scenarios';
import { TARGETS } from './targets';

/** Contacts posted at once while the agents join what has arrived. */
const CONCURRENT_CONTACTS = 10;
const TIMEOUT_MS = 120_000;

interface Candidates {
  readonly items: readonly { readonly ticketId: string }[];
}

/**
 * 群发事件: a supervisor declares a lift incident for a building no other scenario uses; `calls`
 * customers of that building call about it while an agent keeps joining the calls the incident
 * offers (its candidates) in one request each round — from the first contact accepted until every
 * call is a child of the incident. Each join request's latency is measured.
 */
export async function incidentJoining(intakeUrl: string, ticketsUrl: string, token: string, calls: number, phonePrefix: string): Promise<Figure> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const building = `B${Date.now().toString(36)}`;
  const declared = await fetch(`${ticketsUrl}/v1/incidents`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ projectCode: 'P001', building, itemCode: 'repair.public_area', title: `${building}栋电梯停运`, description: '压测：电梯停在12楼' }),
  });
  if (declared.status !== 201) throw new Error(`declaring the incident answered ${declared.status}: ${await declared.text()}`);
  const { id } = (await declared.json()) as { id: string };

  const started = performance.now();
  let next = 0;
  const post = async () => {
    for (let n = next++; n < calls; n = next++) {
      const body = { ...(JSON.parse(contactBody(n * 5, phonePrefix)) as { customer: Record<string, unknown> }) };
      body.customer = { ...body.customer, building };
      await fetch(`${intakeUrl}/v1/contacts`, { method: 'POST', headers, body: JSON.stringify(body) });
    }
  };
  const posting = Promise.all(Array.from({ length: CONCURRENT_CONTACTS }, post));

  const joins: number[] = [];
  let joined = 0;
  while (joined < calls && performance.now() - started < TIMEOUT_MS) {
    const offered = (await (await fetch(`${ticketsUrl}/v1/incidents/${id}/candidates`, { headers })).json()) as Candidates;
    if (offered.items.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    const before = performance.now();
    const response = await fetch(`${ticketsUrl}/v1/incidents/${id}/children`, { method: 'POST', headers, body: JSON.stringify({ ticketIds: offered.items.map((c) => c.ticketId) }) });
    if (response.status === 200) {
      joins.push(performance.now() - before);
      joined = ((await response.json()) as { childCount: number }).childCount;
    }
  }
  await posting;
  const seconds = (performance.now() - started) / 1000;
  return {
    name: `joining ${calls} calls to an incident`,
    rate: round(joined / seconds),
    unit: 'calls joined/s',
    latencyMs: latencyOf(joins),
    target: `all ${calls} joined within ${TARGETS.incidentSeconds} s`,
    met: joined === calls && seconds <= TARGETS.incidentSeconds,
    note: `${joined} of ${calls} joined in ${round(seconds)} s, ${joins.length} join requests`,
  };
}
