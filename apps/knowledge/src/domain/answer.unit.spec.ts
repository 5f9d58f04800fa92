import { DomainError } from '@cs/ddd';
import { AnswerCommand, AnswerContent, AnswerEvent, UnifiedAnswer, decideAnswer, evolveAllAnswer } from './answer';

const CONTENT: AnswerContent = { title: '物业费的缴纳方式', questions: ['物业费怎么交'], body: '前台或微信缴纳。', tags: [], projects: null };
const at = new Date('2026-11-30T02:00:00Z');

/** Given these events happened, when `by` runs the command, then: the new events or the error. */
function given(events: AnswerEvent[]) {
  const state = evolveAllAnswer(undefined, events);
  return {
    when: (command: AnswerCommand, by: string): AnswerEvent[] | DomainError => {
      try {
        return decideAnswer(state, command, { at, by });
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
    },
    state: state as UnifiedAnswer,
  };
}

const created: AnswerEvent = { type: 'created', id: 'a1', content: CONTENT, at, by: 'agent-wang' };
const submitted: AnswerEvent = { type: 'submitted', at, by: 'agent-wang' };
const published: AnswerEvent = { type: 'published', version: 1, content: CONTENT, at, by: 'sup-li' };

describe('decideAnswer', () => {
  it('given a submitted draft, when another supervisor approves, then version 1 is published with the draft’s content', () => {
    expect(given([created, submitted]).when({ action: 'approve' }, 'sup-li')).toEqual([{ type: 'published', version: 1, content: CONTENT, at, by: 'sup-li' }]);
  });

  it('given a draft a supervisor wrote, when that supervisor approves it, then four eyes refuses', () => {
    const own: AnswerEvent = { ...created, by: 'sup-li' };
    expect(given([own, { ...submitted, by: 'sup-li' }]).when({ action: 'approve' }, 'sup-li')).toMatchObject({ code: 'ANSWER.FOUR_EYES', kind: 'forbidden' });
  });

  it('given a draft, when approved without being submitted, then it is an illegal transition', () => {
    expect(given([created]).when({ action: 'approve' }, 'sup-li')).toMatchObject({ code: 'ANSWER.ILLEGAL_TRANSITION', details: { currentStatus: 'draft' } });
  });

  it('given a published answer, when edited, then a new draft starts while version 1 stays in force', () => {
    const { state } = given([created, submitted, published, { type: 'edited', content: { ...CONTENT, body: '新正文' }, at, by: 'agent-zhou' }]);
    expect(state).toMatchObject({ status: 'draft', publishedVersion: 1, contributors: ['agent-zhou'], content: { body: '新正文' } });
  });

  it('given a republished answer, when approved again, then the next version is 2', () => {
    const edited: AnswerEvent = { type: 'edited', content: { ...CONTENT, body: '新正文' }, at, by: 'agent-zhou' };
    const events = given([created, submitted, published, edited, { ...submitted, by: 'agent-zhou' }]).when({ action: 'approve' }, 'sup-li');
    expect(events).toEqual([expect.objectContaining({ type: 'published', version: 2, content: expect.objectContaining({ body: '新正文' }) })]);
  });

  it('given a submitted answer, when rejected, then it is a draft again with the comment', () => {
    const [rejected] = given([created, submitted]).when({ action: 'reject', comment: '补充时间' }, 'sup-li') as AnswerEvent[];
    expect(given([created, submitted, rejected!]).state).toMatchObject({ status: 'draft', rejection: { comment: '补充时间', by: 'sup-li' } });
  });

  it('given a submitted answer, when edited, then it is refused until approved or rejected', () => {
    expect(given([created, submitted]).when({ action: 'edit', changes: { title: '改' } }, 'agent-wang')).toMatchObject({ code: 'ANSWER.ILLEGAL_TRANSITION' });
  });

  it('given a never-published draft, when retired, then it is refused; a published one retires its version', () => {
    expect(given([created]).when({ action: 'retire' }, 'sup-li')).toMatchObject({ code: 'ANSWER.ILLEGAL_TRANSITION' });
    expect(given([created, submitted, published]).when({ action: 'retire' }, 'sup-li')).toEqual([{ type: 'retired', version: 1, at, by: 'sup-li' }]);
  });

  it('given a retired answer, when edited or retired again, then both are refused', () => {
    const retired: AnswerEvent = { type: 'retired', version: 1, at, by: 'sup-li' };
    expect(given([created, submitted, published, retired]).when({ action: 'edit', changes: { title: 'x' } }, 'agent-wang')).toBeInstanceOf(DomainError);
    expect(given([created, submitted, published, retired]).when({ action: 'retire' }, 'sup-li')).toBeInstanceOf(DomainError);
  });

  it('given a period written as a day and as a time with no offset, when drafted, edited or approved, then it is the instant in UTC as a full date-time', () => {
    const noOffset = '2030-01-01T00:00:00';
    const draft = given([]).when({ action: 'create', id: 'a1', content: { ...CONTENT, effectiveFrom: '2027-01-01', effectiveTo: noOffset } }, 'agent-wang');
    expect(draft).toMatchObject([{ type: 'created', content: { effectiveFrom: '2027-01-01T00:00:00.000Z', effectiveTo: new Date(noOffset).toISOString() } }]);
    const edit = given([created]).when({ action: 'edit', changes: { effectiveFrom: '2027-01-01T08:00:00+08:00' } }, 'agent-wang');
    expect(edit).toMatchObject([{ type: 'edited', content: { effectiveFrom: '2027-01-01T00:00:00.000Z' } }]);
    // A working copy stored as it was written, before the period was: published in UTC, and kept so.
    const stored: AnswerEvent = { ...created, content: { ...CONTENT, effectiveFrom: '2027-01-01' } };
    const approval = given([stored, submitted]).when({ action: 'approve' }, 'sup-li');
    expect(approval).toMatchObject([{ type: 'published', content: { effectiveFrom: '2027-01-01T00:00:00.000Z' } }]);
    expect(evolveAllAnswer(given([stored, submitted]).state, approval as AnswerEvent[])?.content.effectiveFrom).toBe('2027-01-01T00:00:00.000Z');
  });

  it('given a draft holding an item code longer than the events’ 80 characters (stored before that limit), when submitted or approved, then it is refused naming itemCode with what to do; an edit correcting it is taken', () => {
    const long = `consultation.${'x'.repeat(70)}`;
    const stored: AnswerEvent = { ...created, content: { ...CONTENT, itemCode: long } };
    const tooLong = { code: 'ANSWER.ITEM_CODE_OUT_OF_CONTRACT', kind: 'invalid', field: 'itemCode', rule: { code: 'too_long', params: { max: 80 } } };
    expect(given([stored]).when({ action: 'submit' }, 'agent-wang')).toMatchObject(tooLong);
    const refused = given([stored, submitted]).when({ action: 'approve' }, 'sup-li');
    expect(refused).toMatchObject(tooLong);
    expect((refused as DomainError).message).toMatch(/reject/);
    expect(given([stored, submitted]).when({ action: 'reject', comment: '请更正事项编码' }, 'sup-li')).toMatchObject([{ type: 'rejected' }]);
    expect(given([stored]).when({ action: 'edit', changes: { itemCode: 'consultation.property_service' } }, 'agent-wang')).toMatchObject([{ type: 'edited' }]);
  });

  it('given codes holding a phone number, when a draft is created or edited, or one stored so is submitted or approved, then it is refused naming the code; an edit of other fields is taken', () => {
    const refused = (field: string) => ({ code: 'ANSWER.PERSONAL_DATA', kind: 'invalid', field });
    expect(given([]).when({ action: 'create', id: 'a1', content: { ...CONTENT, tags: ['物业费', '13812345678'] } }, 'agent-wang')).toMatchObject(refused('tags[1]'));
    expect(given([created]).when({ action: 'edit', changes: { sourceDepartment: '+86 138-1234-5678' } }, 'agent-wang')).toMatchObject(refused('sourceDepartment'));
    const stored: AnswerEvent = { ...created, content: { ...CONTENT, sectionCode: 'liu@example.cn' } };
    expect(given([stored]).when({ action: 'edit', changes: { title: '物业费怎么交' } }, 'agent-wang')).toMatchObject([{ type: 'edited' }]);
    expect(given([stored]).when({ action: 'submit' }, 'agent-wang')).toMatchObject(refused('sectionCode'));
    const approval = given([stored, submitted]).when({ action: 'approve' }, 'sup-li');
    expect(approval).toMatchObject(refused('sectionCode'));
    expect((approval as DomainError).message).toMatch(/reject/);
  });

  it('given an edit whose period ends before it starts, then it is refused naming effectiveTo', () => {
    const changes = { effectiveFrom: '2026-12-01T00:00:00+08:00', effectiveTo: '2026-11-01T00:00:00+08:00' };
    expect(given([created]).when({ action: 'edit', changes }, 'agent-wang')).toMatchObject({ code: 'ANSWER.INVALID_PERIOD', field: 'effectiveTo' });
  });

  it('given an edit clearing an optional field with null, then the field is gone', () => {
    const withItem: AnswerEvent = { ...created, content: { ...CONTENT, itemCode: 'consultation.property_service' } };
    const [edited] = given([withItem]).when({ action: 'edit', changes: { itemCode: null } as unknown as Partial<AnswerContent> }, 'agent-wang') as AnswerEvent[];
    expect(edited).toMatchObject({ type: 'edited' });
    expect((edited as Extract<AnswerEvent, { type: 'edited' }>).content).not.toHaveProperty('itemCode');
  });
});
