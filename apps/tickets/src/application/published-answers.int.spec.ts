import { randomUUID } from 'node:crypto';
import type { EventOf } from '@cs/messaging';
import type { KnowledgeAnswerPublishedV1, KnowledgeAnswerRetiredV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import type { Ticket } from '../domain/ticket';
import type { TicketRequest } from '../domain/ticket-request';
import { MIGRATIONS } from '../infrastructure/migrations';
import { PublishedAnswersRepository } from '../infrastructure/published-answers.repository';
import { PublishedAnswers } from './published-answers';
import { aTicket } from '../testing/fixtures';

let db: ThrowawaySchema;
const answers = new PublishedAnswers(new PublishedAnswersRepository());
const at = '2026-11-30T02:00:00.000Z';

const envelope = <D>(type: string, data: D) => ({ id: randomUUID(), type, source: '/cs/knowledge', subject: 'a', time: at, data });
const published = (answerId: string, version: number, projects: string[] | null) =>
  envelope('knowledge.answer.published.v1', { answerId, version, title: '物业费', projects, approvedBy: 'sup-li', at }) as EventOf<typeof KnowledgeAnswerPublishedV1>;
const retired = (answerId: string, version: number) => envelope('knowledge.answer.retired.v1', { answerId, version, by: 'sup-li', at }) as EventOf<typeof KnowledgeAnswerRetiredV1>;

/** Only the ticket's project matters to the check. */
const ticketOf = (projectCode: string): Ticket => aTicket({ unit: { projectCode } });
const reply = (answerId: string): TicketRequest => ({ action: 'reply', command: { type: 'reply', message: '按统一答复回复', answerId } });
const invalid = (answerId: string): TicketRequest => ({ action: 'decide_validity', command: { type: 'decide_validity', decision: 'invalid', answerId } });

async function refusal(request: TicketRequest, project = 'P001'): Promise<DomainError | undefined> {
  try {
    await db.dataSource.transaction((tx) => answers.citing(tx, request, ticketOf(project)));
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

beforeAll(async () => {
  db = await throwawaySchema('tickets_published_answers', MIGRATIONS);
});
afterAll(async () => {
  await db?.drop();
});

describe('replies and validity decisions cite only published answers', () => {
  it('given an answer id never published, then a reply citing it is 422 naming answerId', async () => {
    expect(await refusal(reply('made-up'))).toMatchObject({ code: 'TICKET.UNKNOWN_ANSWER', kind: 'invalid', field: 'answerId' });
  });

  it('given a published answer for every project, then replies and validity decisions may cite it', async () => {
    const id = randomUUID();
    await db.dataSource.transaction((tx) => answers.onPublished(published(id, 1, null), tx));
    expect(await refusal(reply(id))).toBeUndefined();
    expect(await refusal(invalid(id), 'P002')).toBeUndefined();
  });

  it('given an answer published at version 2, then a reply citing it is stamped with version 2, the one in force', async () => {
    const id = randomUUID();
    await db.dataSource.transaction((tx) => answers.onPublished(published(id, 1, null), tx));
    await db.dataSource.transaction((tx) => answers.onPublished(published(id, 2, null), tx));
    await db.dataSource.transaction((tx) => answers.onPublished(published(id, 1, null), tx));
    const cited = await db.dataSource.transaction((tx) => answers.citing(tx, reply(id), ticketOf('P001')));
    expect(cited).toMatchObject({ command: { type: 'reply', answerId: id, answerVersion: 2 } });
    const uncited: TicketRequest = { action: 'reply', command: { type: 'reply', message: '稍后回复' } };
    expect(await db.dataSource.transaction((tx) => answers.citing(tx, uncited, ticketOf('P001')))).toBe(uncited);
  });

  it('given a version approved to start later, then replies cite the version before it until its start, and it from then', async () => {
    const id = randomUUID();
    const startsAt = '2026-12-01T00:00:00.000Z';
    await db.dataSource.transaction((tx) => answers.onPublished(published(id, 1, null), tx));
    const later = { ...published(id, 2, ['P002']) };
    later.data = { ...later.data, effectiveFrom: startsAt };
    await db.dataSource.transaction((tx) => answers.onPublished(later, tx));
    const citedAt = async (now: string, project = 'P001') =>
      (await db.dataSource.transaction((tx) => answers.citing(tx, reply(id), ticketOf(project), new Date(now)))) as { command: { answerVersion?: number } };
    // Before its start version 1 is in force, for every project.
    expect((await citedAt('2026-11-30T12:00:00.000Z')).command.answerVersion).toBe(1);
    expect((await citedAt('2026-12-01T00:00:00.000Z', 'P002')).command.answerVersion).toBe(2);
    // From its start, version 2 alone, for P002 only.
    await expect(citedAt('2026-12-01T00:00:01.000Z', 'P001')).rejects.toMatchObject({ code: 'TICKET.UNKNOWN_ANSWER' });
  });

  it('given an answer whose first version starts later, then nothing of it is cited before its start, and it from then', async () => {
    const id = randomUUID();
    const first = { ...published(id, 1, null) };
    first.data = { ...first.data, effectiveFrom: '2026-12-01T00:00:00.000Z' };
    await db.dataSource.transaction((tx) => answers.onPublished(first, tx));
    const citing = (now: string) => db.dataSource.transaction((tx) => answers.citing(tx, reply(id), ticketOf('P001'), new Date(now)));
    await expect(citing('2026-11-30T23:59:59.000Z')).rejects.toMatchObject({ code: 'TICKET.UNKNOWN_ANSWER', field: 'answerId' });
    await expect(citing('2026-12-01T00:00:00.000Z')).resolves.toMatchObject({ command: { answerVersion: 1 } });
  });

  it('given an answer told only by a replica of the release before (no version kept with its start), then its latest version stands in', async () => {
    const id = randomUUID();
    await db.dataSource.query('INSERT INTO published_answers (answer_id, version, projects, updated_at) VALUES ($1, 3, NULL, $2)', [id, at]);
    await expect(db.dataSource.transaction((tx) => answers.citing(tx, reply(id), ticketOf('P001')))).resolves.toMatchObject({ command: { answerVersion: 3 } });
  });

  it('given an answer for P001 only, then a P002 ticket cannot cite it', async () => {
    const id = randomUUID();
    await db.dataSource.transaction((tx) => answers.onPublished(published(id, 1, ['P001']), tx));
    expect(await refusal(reply(id), 'P001')).toBeUndefined();
    expect(await refusal(reply(id), 'P002')).toMatchObject({ code: 'TICKET.UNKNOWN_ANSWER' });
  });

  it('given a retired answer, then citing it is refused, and a late replay of its publication does not revive it', async () => {
    const id = randomUUID();
    await db.dataSource.transaction((tx) => answers.onPublished(published(id, 1, null), tx));
    await db.dataSource.transaction((tx) => answers.onRetired(retired(id, 1), tx));
    await db.dataSource.transaction((tx) => answers.onPublished(published(id, 1, null), tx));
    expect(await refusal(invalid(id))).toMatchObject({ code: 'TICKET.UNKNOWN_ANSWER' });
  });

  it('given a request citing no answer, then nothing is checked', async () => {
    expect(await refusal({ action: 'reply', command: { type: 'reply', message: '已安排' } })).toBeUndefined();
  });
});
