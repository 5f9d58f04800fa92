import { randomUUID } from 'node:crypto';
import { CustomerErasedV1, CustomerMergedV1, TicketClosedV1, TicketCreatedV1, TicketRepliedV1, TicketReplyApprovedV1 } from '@cs/contracts';
import { newEvent } from '@cs/messaging';
import { ConsumerStep, consumeInOneTransaction } from '@cs/platform';
import { eventually, planWithoutSequentialScans, recordingQueries, statementsWaitingForLocks } from '@cs/testing';
import { forgetErasedCustomer } from '../application/customer-fates';
import { forgetWhatCustomerAsked, holdToMergeOrErase } from '../infrastructure/customer-fates';
import { Caller, KnowledgeHttpApp, callAs, knowledgeHttpApp } from '../testing/knowledge-http-app.support.spec';
import { CustomerEventsController } from './customer-events.controller';
import { TicketEventsController } from './ticket-events.controller';

const supervisor: Caller = { role: 'supervisor', sub: 'sup-p001', projects: ['P001'] };
/** What a customer says, as the tickets service redacts it: numbers masked, their name and room left. */
const asked = (who: string) => `我是${who}，3栋1201，门禁卡丢了怎么补办`;
const ITEM = 'consultation.property_service';

let k: KnowledgeHttpApp;
let tickets: TicketEventsController;
let customers: CustomerEventsController;

beforeAll(async () => {
  k = await knowledgeHttpApp('knowledge_customer_events');
  tickets = k.app.get(TicketEventsController);
  customers = k.app.get(CustomerEventsController);
});
afterAll(async () => {
  await k?.close();
});

const deliver = (...steps: ConsumerStep[]): Promise<void> => consumeInOneTransaction(k.db.dataSource, steps);

function created(ticketId: string, customerId: string, summary: string, itemCode = ITEM): ConsumerStep {
  const event = newEvent(TicketCreatedV1, {
    source: '/cs/tickets',
    subject: ticketId,
    data: {
      ticketId,
      number: 'TK-20261130-000001',
      contactId: randomUUID(),
      customerId,
      channel: 'phone',
      itemCode,
      sectionCode: 'consultation',
      summary,
      unit: { projectCode: 'P001', building: '3', room: '1201' },
      ownerId: 'agent-p001',
      status: 'new',
      createdAt: new Date().toISOString(),
    },
  });
  return [event, (context) => tickets.ticketCreated(event, context)];
}

const ticketBase = (ticketId: string, itemCode = ITEM) => ({ ticketId, number: 'TK-20261130-000001', customerId: randomUUID(), itemCode, projectCode: 'P001', at: new Date().toISOString(), by: 'agent-p001' });

/** Closed without citing an answer: a consultation no answer covered, a gap. */
function closed(ticketId: string, itemCode = ITEM): ConsumerStep {
  const event = newEvent(TicketClosedV1, { source: '/cs/tickets', subject: ticketId, data: { ...ticketBase(ticketId, itemCode), status: 'closed' } });
  return [event, (context) => tickets.closed(event, context)];
}

/** Closed without citing an answer, naming no project: its gap is every project's. */
function closedInNoProject(ticketId: string, itemCode: string): ConsumerStep {
  const { projectCode: _, ...base } = ticketBase(ticketId, itemCode);
  const event = newEvent(TicketClosedV1, { source: '/cs/tickets', subject: ticketId, data: { ...base, status: 'closed' } });
  return [event, (context) => tickets.closed(event, context)];
}

function replyApproved(ticketId: string, text: string): ConsumerStep {
  const event = newEvent(TicketReplyApprovedV1, { source: '/cs/tickets', subject: ticketId, data: { ...ticketBase(ticketId), status: 'in_progress', by: 'sup-p001', text } });
  return [event, (context) => tickets.replyApproved(event, context)];
}

/** A reply citing an answer, the step after it held back until `release` settles. */
function repliedThenHeld(ticketId: string, cited: () => void, release: Promise<void>): ConsumerStep {
  const event = newEvent(TicketRepliedV1, {
    source: '/cs/tickets',
    subject: ticketId,
    data: { ...ticketBase(ticketId), status: 'in_progress', answerId: randomUUID(), firstReply: true },
  });
  return [
    event,
    async (context) => {
      await tickets.replied(event, context);
      cited();
      await release;
    },
  ];
}

const erasureOf = (customerId: string) =>
  newEvent(CustomerErasedV1, { source: '/cs/intake', subject: customerId, data: { customerId, pseudonym: '客户-7f3a', erasedAt: new Date().toISOString() } });

function erased(customerId: string): ConsumerStep {
  const event = erasureOf(customerId);
  return [event, (context) => customers.customerErased(event, context)];
}

function merged(survivor: string, duplicate: string): ConsumerStep {
  const event = newEvent(CustomerMergedV1, { source: '/cs/intake', subject: survivor, data: { customerId: survivor, mergedCustomerId: duplicate, mergedAt: new Date().toISOString(), mergedBy: 'sup-1' } });
  return [event, (context) => customers.customerMerged(event, context)];
}

const demandOf = async (ticketId: string): Promise<string | null> =>
  ((await k.db.dataSource.query(`SELECT demand FROM ${k.db.schema}.ticket_suggestions WHERE ticket_id = $1`, [ticketId])) as { demand: string | null }[])[0]!.demand;

interface GapSeen {
  readonly sample: string;
  readonly ticketIds: string[];
}
/** The gap the ticket asked, as supervisors list it, and the words it is matched by. */
async function gapOf(ticketId: string, itemCode = ITEM): Promise<GapSeen & { tokens: string[] }> {
  const gaps = (await callAs(k.app, supervisor, 'GET', `/v1/gaps?item=${itemCode}&limit=200`)).body['items'] as GapSeen[];
  const gap = gaps.find((g) => g.ticketIds.includes(ticketId));
  if (!gap) throw new Error(`no gap lists ticket ${ticketId}`);
  const [row] = (await k.db.dataSource.query(`SELECT tokens FROM ${k.db.schema}.knowledge_gaps WHERE $1 = ANY(ticket_ids)`, [ticketId])) as { tokens: string[] }[];
  return { ...gap, tokens: row!.tokens };
}

/** A gap of no known words: it reads as its item, and no word of the question matches it. */
const wordless = { sample: ITEM, tokens: [] };

describe('a customer erased (PIPL): what they asked is kept nowhere', () => {
  it('given a customer’s consultation that opened a gap, when they are erased (and told so again), then the demand, the gap’s sample and its words are gone, a draft from the reply takes no phrasing from them; another customer’s stay', async () => {
    const [customer, other] = [randomUUID(), randomUUID()];
    const [ticketId, othersTicket] = [randomUUID(), randomUUID()];
    const othersItem = 'consultation.other';
    await deliver(created(ticketId, customer, asked('张建国')), created(othersTicket, other, asked('李秀英'), othersItem));
    await deliver(closed(ticketId), closed(othersTicket, othersItem));
    expect((await gapOf(ticketId)).sample).toContain('张建国');

    await deliver(erased(customer));
    await deliver(erased(customer));

    expect(await demandOf(ticketId)).toBeNull();
    expect(await gapOf(ticketId)).toMatchObject(wordless);
    expect(await demandOf(othersTicket)).toContain('李秀英');
    expect((await gapOf(othersTicket, othersItem)).sample).toContain('李秀英');
    await deliver(replyApproved(ticketId, '补办门禁卡请携带身份证到物业服务中心办理，工本费20元。'));
    const drafted = await callAs(k.app, supervisor, 'POST', '/v1/answers/from-reply', { ticketId });
    expect(drafted.status).toBe(201);
    expect(JSON.stringify(drafted.body)).not.toContain('张建国');
  });

  it('given a customer erased, when a ticket of theirs opened before arrives after and closes unanswered, then neither it nor its gap holds what they said', async () => {
    const [customer, ticketId] = [randomUUID(), randomUUID()];
    await deliver(erased(customer));
    await deliver(created(ticketId, customer, asked('王淑芬')));
    await deliver(closed(ticketId));

    expect(await demandOf(ticketId)).toBeNull();
    expect((await gapOf(ticketId)).sample).toBe(ITEM);
  });

  it('given a ticket gathered and its customer erased after it in one consumer transaction (another topic: the ticket is not written before the erasure), then it is written without the demand', async () => {
    const [customer, ticketId] = [randomUUID(), randomUUID()];
    await deliver(created(ticketId, customer, asked('赵志强')), erased(customer));
    expect(await demandOf(ticketId)).toBeNull();
  });

  it('given a closing consultation waiting on an erasure of its customer not yet committed, when the erasure commits, then the gap it opens holds no words of theirs', async () => {
    const [customer, ticketId] = [randomUUID(), randomUUID()];
    await deliver(created(ticketId, customer, asked('孙丽娟')));
    let commitErasure!: () => void;
    const erasing = k.db.dataSource.transaction(async (tx) => {
      await forgetErasedCustomer(erasureOf(customer), tx);
      await new Promise<void>((resolve) => (commitErasure = resolve));
    });
    await eventually(async () => expect(commitErasure).toBeDefined());
    const closing = deliver(closed(ticketId));
    await eventually(async () => expect(await statementsWaitingForLocks(k.db.dataSource)).toBeGreaterThan(0));
    commitErasure();
    await erasing;
    await closing;

    const gap = await gapOf(ticketId);
    expect(gap.sample).toBe(ITEM);
    expect(gap.tokens.join(' ')).not.toContain('孙丽娟');
  });

  it('given a consumer transaction that cited an answer on a ticket and then closes it, when an erasure of its customer comes in between, then both commit, neither ended as a deadlock', async () => {
    const [customer, ticketId] = [randomUUID(), randomUUID()];
    await deliver(created(ticketId, customer, asked('何建平')));
    let cited!: () => void;
    const citing = new Promise<void>((resolve) => (cited = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const consuming = deliver(repliedThenHeld(ticketId, cited, released), closed(ticketId));
    await citing;
    const erasing = deliver(erased(customer));
    // The erasure waits for the consumer (for the gate, or for the cited ticket's row it wipes) before the consumer goes on.
    await eventually(async () => expect(await statementsWaitingForLocks(k.db.dataSource)).toBeGreaterThan(0));
    release();

    const outcomes = await Promise.allSettled([consuming, erasing]);

    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual(['fulfilled', 'fulfilled']);
    expect(await demandOf(ticketId)).toBeNull();
  });

  /** Runs `draft` while an erasure of `customer` holds the gate, its wipe not yet made, and commits the erasure once the draft waits or is done. */
  async function draftDuringErasure(customer: string, draft: () => Promise<{ status: number; body: unknown }>): Promise<{ status: number; body: unknown }> {
    let wipe!: () => void;
    const erasing = k.db.dataSource.transaction(async (tx) => {
      await holdToMergeOrErase(tx);
      // Sent ahead (ADR 0189): held once a statement after it is answered.
      await tx.query('SELECT 1');
      await new Promise<void>((resolve) => (wipe = resolve));
      await forgetErasedCustomer(erasureOf(customer), tx);
    });
    await eventually(async () => expect(wipe).toBeDefined());
    let settled = false;
    const drafting = draft().finally(() => (settled = true));
    // Either the draft waits for the erasure, or (as before) it read the words while the erasure was under way.
    await eventually(async () => expect(settled || (await statementsWaitingForLocks(k.db.dataSource)) > 0).toBe(true));
    wipe();
    await erasing;
    return drafting;
  }

  it('given an erasure of the customer under way, when a supervisor drafts from the approved reply of their ticket meanwhile, then the draft waits for it and takes no phrasing from them', async () => {
    const [customer, ticketId] = [randomUUID(), randomUUID()];
    await deliver(created(ticketId, customer, asked('钱志文')));
    await deliver(replyApproved(ticketId, '补办门禁卡请携带身份证到物业服务中心办理，工本费20元。'));

    const drafted = await draftDuringErasure(customer, () => callAs(k.app, supervisor, 'POST', '/v1/answers/from-reply', { ticketId }));

    expect(drafted.status).toBe(201);
    expect(JSON.stringify(drafted.body)).not.toContain('钱志文');
  });

  it('given an erasure of the customer under way, when a supervisor of one project drafts their share of the gap their question began, then neither the draft nor the gap drafted apart holds their words', async () => {
    const [customer, ticketId] = [randomUUID(), randomUUID()];
    const item = 'consultation.parking';
    await deliver(created(ticketId, customer, asked('冯雅琴'), item));
    await deliver(closedInNoProject(ticketId, item));
    const gap = (await k.db.dataSource.query(`SELECT id::text FROM ${k.db.schema}.knowledge_gaps WHERE $1 = ANY(ticket_ids)`, [ticketId])) as { id: string }[];
    expect(gap).toHaveLength(1);

    const drafted = await draftDuringErasure(customer, () => callAs(k.app, supervisor, 'POST', `/v1/gaps/${gap[0]!.id}/draft`, {}));

    expect(drafted.status).toBe(201);
    expect(JSON.stringify(drafted.body)).not.toContain('冯雅琴');
    const kept = (await k.db.dataSource.query(`SELECT status, sample, tokens FROM ${k.db.schema}.knowledge_gaps WHERE $1 = ANY(ticket_ids) ORDER BY status`, [ticketId])) as { status: string }[];
    expect(kept.map((g) => g.status)).toEqual(['drafted', 'open']);
    expect(JSON.stringify(kept)).not.toContain('冯雅琴');
  });

  it('reads the customer’s tickets and the gaps they began by their indexes, not every ticket and gap', async () => {
    const recording = recordingQueries(k.db.dataSource);
    await forgetWhatCustomerAsked(recording.db, randomUUID());
    const plan = await planWithoutSequentialScans(k.db.dataSource, recording.statements[0]!);
    expect(plan).toMatch(/ticket_suggestions_customer_idx/);
    expect(plan).toMatch(/knowledge_gaps_sample_ticket_idx/);
  });
});

describe('a customer merged into another: what the duplicate asked is the survivor’s to erase', () => {
  it('given a duplicate’s ticket, when the duplicate is merged and the survivor erased, then the duplicate’s demand and gap sample are gone', async () => {
    const [duplicate, survivor, ticketId] = [randomUUID(), randomUUID(), randomUUID()];
    await deliver(created(ticketId, duplicate, asked('周国华')));
    await deliver(closed(ticketId));
    await deliver(merged(survivor, duplicate));
    await deliver(erased(survivor));

    expect(await demandOf(ticketId)).toBeNull();
    expect(await gapOf(ticketId)).toMatchObject(wordless);
  });

  it('given a duplicate merged away, when a ticket of theirs opened before the merge arrives after it, then the survivor’s erasure reaches it', async () => {
    const [duplicate, survivor, ticketId] = [randomUUID(), randomUUID(), randomUUID()];
    await deliver(merged(survivor, duplicate));
    await deliver(created(ticketId, duplicate, asked('吴晓明')));
    await deliver(erased(survivor));

    expect(await demandOf(ticketId)).toBeNull();
  });

  it('given a chain of merges whose last survivor was erased before the first merge is heard, then the first duplicate’s demand goes as the erasure took the survivor’s', async () => {
    const [first, second, third, ticketId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await deliver(created(ticketId, first, asked('郑美玲')));
    // The second merge and the erasure share a key (the last survivor); the first merge, keyed by the second customer, comes last.
    await deliver(merged(third, second));
    await deliver(erased(third));
    await deliver(merged(second, first));

    expect(await demandOf(ticketId)).toBeNull();
  });

  it('given two consumer transactions that each cite an answer on a duplicate’s ticket and then merge the duplicate, when both run at once, then neither waits on the other in a cycle: both commit, each ticket the survivor’s', async () => {
    const pairs = [0, 1].map(() => ({ duplicate: randomUUID(), survivor: randomUUID(), ticketId: randomUUID() }));
    let reachedMerge!: () => void;
    const firstAtMerge = new Promise<void>((resolve) => (reachedMerge = resolve));
    const steps = ({ duplicate, survivor, ticketId }: (typeof pairs)[number], beforeMerge: () => Promise<void> = async () => undefined): ConsumerStep[] => {
      const [mergeEvent, merge] = merged(survivor, duplicate);
      return [
        created(ticketId, duplicate, asked('陈志强')),
        repliedThenHeld(ticketId, () => undefined, Promise.resolve()),
        [mergeEvent, async (context) => {
          await beforeMerge();
          await merge(context);
        }],
      ];
    };
    // The first stops before its merge, its citation written, until the second waits for a lock: on
    // the first's gate, or, holding it shared after its own citation, to hold it alone.
    const firstRun = deliver(
      ...steps(pairs[0]!, async () => {
        reachedMerge();
        await eventually(async () => expect(await statementsWaitingForLocks(k.db.dataSource)).toBeGreaterThan(0));
      }),
    );
    await firstAtMerge;
    const secondRun = deliver(...steps(pairs[1]!));

    expect((await Promise.allSettled([firstRun, secondRun])).map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled']);
    for (const { survivor, ticketId } of pairs) {
      const [row] = (await k.db.dataSource.query(`SELECT customer_id FROM ${k.db.schema}.ticket_suggestions WHERE ticket_id = $1`, [ticketId])) as { customer_id: string }[];
      expect(row?.customer_id).toBe(survivor);
    }
  });
});
