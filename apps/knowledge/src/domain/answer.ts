import { CATALOGUE_ITEM_CODE_PATTERN, MAX_CATALOGUE_ITEM_CODE_LENGTH } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { assertCodesHoldNoPersonalData } from './code-fields';

export const ANSWER_STATUSES = ['draft', 'submitted', 'published', 'retired'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** What a unified answer says and to whom it applies; every published version keeps its own copy. */
export interface AnswerContent {
  readonly title: string;
  /** How customers ask it: the phrasings search and suggestions match first. */
  readonly questions: readonly string[];
  /** Markdown. */
  readonly body: string;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly tags: readonly string[];
  /** The projects it is for; null: every project. */
  readonly projects: readonly string[] | null;
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
  readonly sourceDepartment?: string;
  /** 复核日期 — the date (YYYY-MM-DD) by which the answer must be checked again. */
  readonly reviewBy?: string;
}

export interface Rejection {
  readonly comment: string;
  readonly by: string;
  readonly at: Date;
}

/**
 * 统一答复 — a unified answer. Its working copy moves draft → submitted → published (or back to
 * draft when rejected); editing a published answer starts a new draft while the published version
 * stays in force, until the next approval replaces it or the answer is retired.
 */
export interface UnifiedAnswer {
  readonly id: string;
  readonly status: AnswerStatus;
  readonly content: AnswerContent;
  /** The version in force (the latest published), if any was ever published. */
  readonly publishedVersion?: number;
  /** Who wrote the draft under review: none of them may approve it (four eyes). */
  readonly contributors: readonly string[];
  readonly rejection?: Rejection;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Concurrency version of the working copy, the ETag. */
  readonly rowVersion: number;
}

export type AnswerCommand =
  | { readonly action: 'create'; readonly id: string; readonly content: AnswerContent }
  | { readonly action: 'edit'; readonly changes: Partial<AnswerContent> }
  | { readonly action: 'submit' }
  | { readonly action: 'approve' }
  | { readonly action: 'reject'; readonly comment: string }
  | { readonly action: 'retire' };

export type AnswerAction = AnswerCommand['action'];

interface Stamp {
  readonly at: Date;
  readonly by: string;
}

export type AnswerEvent =
  | ({ readonly type: 'created'; readonly id: string; readonly content: AnswerContent } & Stamp)
  | ({ readonly type: 'edited'; readonly content: AnswerContent } & Stamp)
  | ({ readonly type: 'submitted' } & Stamp)
  | ({ readonly type: 'published'; readonly version: number; readonly content: AnswerContent } & Stamp)
  | ({ readonly type: 'rejected'; readonly comment: string } & Stamp)
  | ({ readonly type: 'retired'; readonly version: number } & Stamp);

function illegal(answer: UnifiedAnswer | undefined, action: AnswerAction, why: string): DomainError {
  return new DomainError('ANSWER.ILLEGAL_TRANSITION', 'conflict', why, undefined, { currentStatus: answer?.status ?? null, command: action });
}

/** Dates that contradict each other are refused before anything is stored. */
export function assertValidContent(content: AnswerContent): void {
  if (content.effectiveFrom && content.effectiveTo && Date.parse(content.effectiveTo) <= Date.parse(content.effectiveFrom)) {
    throw new DomainError('ANSWER.INVALID_PERIOD', 'invalid', 'effectiveTo must be after effectiveFrom', 'effectiveTo');
  }
  if (content.projects !== null && content.projects.length === 0) {
    throw new DomainError('ANSWER.NO_PROJECTS', 'invalid', 'name at least one project, or null for every project', 'projects');
  }
}

const ITEM_CODE = new RegExp(CATALOGUE_ITEM_CODE_PATTERN);

/**
 * A working copy's item code the published event's contract refuses — one stored before the API
 * held codes to it — is refused by name: no catalogue item has such a code, and publishing the
 * version without it would file the answer under no item. Only its authors can correct it, so the
 * approver is told to send it back.
 */
function assertItemCodePublishable(answer: UnifiedAnswer, action: 'submit' | 'approve'): void {
  const code = answer.content.itemCode;
  if (code === undefined) return;
  const tooLong = [...code].length > MAX_CATALOGUE_ITEM_CODE_LENGTH;
  if (!tooLong && ITEM_CODE.test(code)) return;
  const what = tooLong ? `is longer than the ${MAX_CATALOGUE_ITEM_CODE_LENGTH} characters a catalogue item's code has` : 'is not a catalogue item code (<section>.<item>)';
  const todo = action === 'approve' ? 'reject the draft so its author corrects itemCode, then approve it' : 'correct itemCode, then submit';
  throw new DomainError(
    'ANSWER.ITEM_CODE_OUT_OF_CONTRACT',
    'invalid',
    `the answer's itemCode, stored before item codes were checked, ${what}: ${todo}`,
    'itemCode',
    undefined,
    tooLong ? { code: 'too_long', params: { max: MAX_CATALOGUE_ITEM_CODE_LENGTH } } : { code: 'invalid_format' },
  );
}

/** The code-like fields of an answer, given or stored: section, tags and source department. */
function assertAnswerCodes(content: Partial<AnswerContent>, todo?: string): void {
  assertCodesHoldNoPersonalData({ sectionCode: content.sectionCode, tags: content.tags, sourceDepartment: content.sourceDepartment }, 'ANSWER.PERSONAL_DATA', todo);
}

/**
 * A working copy stored before its codes were checked is refused by name when it is to be
 * published, as a stored item code is (ADR 0104): only its authors can correct it.
 */
function assertStoredCodesPublishable(answer: UnifiedAnswer, action: 'submit' | 'approve'): void {
  assertAnswerCodes(answer.content, action === 'approve' ? 'stored before codes were checked: reject the draft so its author corrects it, then approve it' : 'correct it, then submit');
}

/**
 * The period as `toISOString()` writes it. The API takes any instant `Date` reads — a day
 * (2027-01-01), a time with no offset — but subscribers are promised a full date-time, and a
 * working copy stored before it was written so is published so too. One `Date` cannot read
 * (none passes the API) stays as it is.
 */
export function withPeriodInUtc(content: AnswerContent): AnswerContent {
  const utc = (instant: string | undefined) => {
    const ms = instant === undefined ? Number.NaN : Date.parse(instant);
    return Number.isNaN(ms) ? instant : new Date(ms).toISOString();
  };
  const [effectiveFrom, effectiveTo] = [utc(content.effectiveFrom), utc(content.effectiveTo)];
  if (effectiveFrom === content.effectiveFrom && effectiveTo === content.effectiveTo) return content;
  return { ...content, ...(effectiveFrom !== undefined ? { effectiveFrom } : {}), ...(effectiveTo !== undefined ? { effectiveTo } : {}) };
}

function withChanges(content: AnswerContent, changes: Partial<AnswerContent>): AnswerContent {
  const merged: Record<string, unknown> = { ...content };
  for (const [key, value] of Object.entries(changes)) {
    // null clears an optional field; projects is the one field where null means something (every project).
    if (value === null && key !== 'projects') delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged as unknown as AnswerContent;
}

/** The answer's rules: who may move it where, and which version a publication makes. */
export function decideAnswer(answer: UnifiedAnswer | undefined, command: AnswerCommand, stamp: Stamp): AnswerEvent[] {
  if (command.action === 'create') {
    if (answer) throw illegal(answer, command.action, `answer ${command.id} exists`);
    assertAnswerCodes(command.content);
    const content = withPeriodInUtc(command.content);
    assertValidContent(content);
    return [{ type: 'created', id: command.id, content, ...stamp }];
  }
  if (!answer) throw new DomainError('ANSWER.NOT_FOUND', 'not_found', 'answer not found');
  switch (command.action) {
    case 'edit': {
      if (answer.status === 'submitted') throw illegal(answer, command.action, 'a submitted answer is approved or rejected before it is edited again');
      if (answer.status === 'retired') throw illegal(answer, command.action, 'a retired answer is not edited; write a new one');
      assertAnswerCodes(command.changes);
      const content = withPeriodInUtc(withChanges(answer.content, command.changes));
      assertValidContent(content);
      return [{ type: 'edited', content, ...stamp }];
    }
    case 'submit':
      if (answer.status !== 'draft') throw illegal(answer, command.action, `only a draft is submitted; the answer is ${answer.status}`);
      assertItemCodePublishable(answer, command.action);
      assertStoredCodesPublishable(answer, command.action);
      return [{ type: 'submitted', ...stamp }];
    case 'approve':
      if (answer.status !== 'submitted') throw illegal(answer, command.action, `only a submitted answer is approved; the answer is ${answer.status}`);
      if (answer.contributors.includes(stamp.by)) {
        throw new DomainError('ANSWER.FOUR_EYES', 'forbidden', 'a supervisor never approves a draft they wrote or edited; another supervisor approves it');
      }
      assertItemCodePublishable(answer, command.action);
      assertStoredCodesPublishable(answer, command.action);
      return [{ type: 'published', version: (answer.publishedVersion ?? 0) + 1, content: withPeriodInUtc(answer.content), ...stamp }];
    case 'reject':
      if (answer.status !== 'submitted') throw illegal(answer, command.action, `only a submitted answer is rejected; the answer is ${answer.status}`);
      return [{ type: 'rejected', comment: command.comment, ...stamp }];
    case 'retire':
      if (answer.status === 'retired') throw illegal(answer, command.action, 'the answer is already retired');
      if (answer.publishedVersion === undefined) throw illegal(answer, command.action, 'only a published answer is retired; a draft is simply left');
      return [{ type: 'retired', version: answer.publishedVersion, ...stamp }];
  }
}

function addContributor(answer: UnifiedAnswer, by: string): readonly string[] {
  return answer.contributors.includes(by) ? answer.contributors : [...answer.contributors, by];
}

export function evolveAnswer(answer: UnifiedAnswer | undefined, event: AnswerEvent): UnifiedAnswer {
  if (event.type === 'created') {
    return { id: event.id, status: 'draft', content: event.content, contributors: [event.by], createdBy: event.by, createdAt: event.at, updatedAt: event.at, rowVersion: 1 };
  }
  if (!answer) throw new Error(`${event.type} of an answer that was never created`);
  const next = { ...answer, updatedAt: event.at, rowVersion: answer.rowVersion + 1 };
  switch (event.type) {
    case 'edited': {
      // A new draft cycle after a publication starts with its own authors.
      const contributors = answer.status === 'published' ? [event.by] : addContributor(answer, event.by);
      return { ...next, status: 'draft', content: event.content, contributors };
    }
    case 'submitted':
      return { ...next, status: 'submitted', contributors: addContributor(answer, event.by) };
    case 'published': {
      const { rejection: _cleared, ...rest } = next;
      return { ...rest, status: 'published', content: event.content, publishedVersion: event.version, contributors: [] };
    }
    case 'rejected':
      return { ...next, status: 'draft', rejection: { comment: event.comment, by: event.by, at: event.at } };
    case 'retired':
      return { ...next, status: 'retired' };
  }
}

export function evolveAllAnswer(answer: UnifiedAnswer | undefined, events: readonly AnswerEvent[]): UnifiedAnswer | undefined {
  return events.reduce<UnifiedAnswer | undefined>((state, event) => evolveAnswer(state, event), answer);
}

/** Whether a user limited to `projects` (undefined: every project) may see the answer. */
export function answerVisibleTo(answerProjects: readonly string[] | null, projects: readonly string[] | undefined): boolean {
  if (projects === undefined || answerProjects === null) return true;
  return answerProjects.some((p) => projects.includes(p));
}
