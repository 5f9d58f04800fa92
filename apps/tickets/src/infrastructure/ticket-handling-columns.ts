import { Type } from '@sinclair/typebox';
import { Nullable } from '@cs/persistence';
import type { ApprovedReply, RequestedOpinion } from '../domain/complaint-research';
import type { SuggestionHandling } from '../domain/suggestion';
import type { Ticket } from '../domain/ticket';

/** Instants as ISO strings, as JSON holds them. */
type Stored<T> = T extends Date ? string : T extends readonly (infer E)[] ? Stored<E>[] : T extends object ? { [K in keyof T]: Stored<T[K]> } : T;
type StoredSuggestion = Stored<SuggestionHandling>;
type StoredOpinion = Stored<RequestedOpinion>;
type StoredReply = Stored<ApprovedReply>;

/** The ticket columns of suggestion handling and complaint research; the domain's types checked at the edge by shape. */
export const HandlingColumns = {
  answer_id: Nullable(Type.String()),
  suggestion: Nullable(Type.Unsafe<StoredSuggestion>(Type.Object({}))),
  opinions: Type.Unsafe<StoredOpinion[]>(Type.Array(Type.Object({ id: Type.String(), dueAt: Type.String() }))),
  approved_reply: Nullable(Type.Unsafe<StoredReply>(Type.Object({ text: Type.String(), at: Type.String() }))),
};

interface HandlingRow {
  readonly answer_id: string | null;
  readonly suggestion: StoredSuggestion | null;
  readonly opinions: StoredOpinion[];
  readonly approved_reply: StoredReply | null;
}

const stamped = <T extends { at: string }>(stored: T) => ({ ...stored, at: new Date(stored.at) });

function suggestionOf(s: StoredSuggestion): SuggestionHandling {
  return {
    ...(s.evaluation ? { evaluation: stamped(s.evaluation) } : {}),
    ...(s.forwardedTo ? { forwardedTo: stamped(s.forwardedTo) } : {}),
    ...(s.implementation ? { implementation: stamped(s.implementation) } : {}),
    ...(s.reward ? { reward: stamped(s.reward) } : {}),
  };
}

function opinionOf(o: StoredOpinion): RequestedOpinion {
  const { answer, overdueAt, ...asked } = o;
  return {
    ...asked,
    dueAt: new Date(o.dueAt),
    requestedAt: new Date(o.requestedAt),
    ...(answer ? { answer: stamped(answer) } : {}),
    ...(overdueAt ? { overdueAt: new Date(overdueAt) } : {}),
  };
}

/** The handling part of a ticket, from its row. */
export function handlingFromRow(row: HandlingRow): Pick<Ticket, 'unifiedAnswerId' | 'suggestion' | 'opinions' | 'approvedReply'> {
  return {
    ...(row.answer_id ? { unifiedAnswerId: row.answer_id } : {}),
    ...(row.suggestion ? { suggestion: suggestionOf(row.suggestion) } : {}),
    ...(row.opinions.length > 0 ? { opinions: row.opinions.map(opinionOf) } : {}),
    ...(row.approved_reply ? { approvedReply: stamped(row.approved_reply) } : {}),
  };
}

/** The parameters that store it: JSON.stringify writes instants as ISO strings. */
export function handlingParameters(t: Ticket): unknown[] {
  return [
    t.unifiedAnswerId ?? null,
    t.suggestion ? JSON.stringify(t.suggestion) : null,
    JSON.stringify(t.opinions ?? []),
    t.approvedReply ? JSON.stringify(t.approvedReply) : null,
  ];
}

/** Whether a decision changed any of it: evolve keeps the same objects for what it did not touch. */
export function handlingChanged(before: Ticket | undefined, after: Ticket): boolean {
  return (
    before?.unifiedAnswerId !== after.unifiedAnswerId ||
    before?.suggestion !== after.suggestion ||
    before?.opinions !== after.opinions ||
    before?.approvedReply !== after.approvedReply
  );
}
