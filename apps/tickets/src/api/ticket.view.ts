import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { presentProps } from '@cs/ddd';
import { CHANNELS, OPINION_SOURCES, RECORD_GAPS, SLA_CLOCK_KINDS, SUGGESTION_IMPLEMENTATION_STATUSES, SUGGESTION_REWARD_KINDS, TICKET_CHANNELS, TICKET_STATUSES } from '@cs/contracts';
import { HISTORY_ACTIONS, HistoryAction } from '../domain/history-actions';
import type { RequestedOpinion } from '../domain/complaint-research';
import type { IncidentSuggestion } from '../application/find-tickets';
import type { ClockView } from '../domain/sla-clock';
import type { SuggestionHandling } from '../domain/suggestion';
import type { Ticket } from '../domain/ticket';
import { recordGaps } from '../domain/record-completeness';
import type { LinkedContact } from '../infrastructure/ticket-contacts';
import { PresenceView } from './ticket-presence.dto';

/** A clock's target: so many minutes, hours or days, counted in working or calendar time. */
export class SlaDurationDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 2 }) amount!: number;
  @ApiProperty({ enum: ['minutes', 'hours', 'days'], example: 'days' }) unit!: 'minutes' | 'hours' | 'days';
  @ApiProperty({ enum: ['working', 'calendar'], example: 'working' }) basis!: 'working' | 'calendar';
  @ApiPropertyOptional({ description: 'never later than the close of the working day it started, before pauses and extensions' }) byCloseOfDay?: boolean;
}

export class ClockViewDto {
  @ApiProperty({ enum: SLA_CLOCK_KINDS }) kind!: string;
  @ApiProperty({ type: SlaDurationDto }) target!: SlaDurationDto;
  @ApiProperty() calendarId!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'absent only while the clock is held: its calendar could not count it when the ticket opened, and no deadline is planned until the calendar is corrected (then counted from the opening)',
  })
  dueAt?: string;
  @ApiProperty({ enum: ['running', 'paused', 'met', 'breached'] }) state!: string;
  @ApiProperty({ description: 'in the clock’s basis (working minutes for working targets), pauses excluded' }) elapsedMinutes!: number;
  @ApiProperty() pausedMinutes!: number;
  @ApiPropertyOptional({ description: 'negative when overdue; absent while the clock is held, as `dueAt` is' }) remainingMinutes?: number;
  @ApiProperty() extensions!: number;
  @ApiPropertyOptional({ format: 'date-time' }) metAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) breachedAt?: string;
  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true, and present only, when the clock’s calendar was stored before the limits it now breaks and cannot be counted by until an admin corrects it ' +
      '(`PUT /v1/calendars/{id}`, `CALENDAR.NEEDS_CORRECTION`): the clock is shown as last planned — `dueAt` the deadline its breach timer was last planned at ' +
      '(a clock stopped or paused without one shows the moment it stopped, or now), its minutes in calendar time, its state from its stored moments. ' +
      'A running clock never planned is held — opened while its calendar could not count (this or `CALENDAR.NO_WORKING_TIME`) — and shows no `dueAt` nor `remainingMinutes` ' +
      'until the correction plans it, counted from the opening',
  })
  calendarNeedsCorrection?: true;
}

/** The calendars awaiting correction that some of these clocks are timed by, each once. */
export function calendarsNeedingCorrection(clocks: readonly ClockView[]): { calendarsNeedingCorrection?: string[] } {
  const ids = [...new Set(clocks.filter((c) => c.calendarNeedsCorrection).map((c) => c.calendarId))];
  return ids.length > 0 ? { calendarsNeedingCorrection: ids } : {};
}

/** What `calendarsNeedingCorrection` says on a ticket or an incident. */
export const CALENDARS_NEEDING_CORRECTION =
  'present when a clock is timed by a calendar stored before the limits it now breaks (more than 8 working intervals a day, a holiday or 调休 name over 100 characters) ' +
  'or stored without working time: those calendars, to be corrected with `PUT /v1/calendars/{id}`; until then such clocks are shown as last planned (their `calendarNeedsCorrection`), ' +
  'and a change that needs their calendar is refused 422 `CALENDAR.NEEDS_CORRECTION` or `CALENDAR.NO_WORKING_TIME`';

export class HistoryEntryView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'user id, or `system` for timers and events' }) actor!: string;
  @ApiProperty({
    enum: HISTORY_ACTIONS,
    enumName: 'HistoryAction',
    description:
      'a request as asked (`dispatch`, `reply`…), a handling step as the event it caused (`suggestion_evaluated`…), or what the system did (`created`, `follow_up`, `sla_timers`, `deadlines_recomputed`, `opinion_overdue`). ' +
      'While a newer release rolls out, a replica of the one before may show an action the newer one added: show it as it is',
  })
  action!: HistoryAction;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { department: 'engineering' } }) details!: object;
}

/** Where the full text of a contact is read: intake keeps it, behind its access rules. */
const CONTACT_TEXT = 'the full text is read from intake at `GET /v1/contacts/{contactId}` (personal data masked unless `customer.pii.read` and `X-Access-Purpose`)';

export class DemandView {
  @ApiProperty({ example: '3栋电梯停在12楼不动了', description: '诉求 — the first 200 characters of what the customer said, personal data redacted' })
  summary!: string;
  @ApiProperty({ format: 'uuid', description: `the contact that opened the ticket; ${CONTACT_TEXT}` }) firstContactId!: string;
}

export class LinkedContactView {
  @ApiProperty({ format: 'uuid', description: CONTACT_TEXT }) contactId!: string;
  @ApiProperty({ enum: ['opened', 'follow_up'], description: '`follow_up` — 催办/查询 about the open matter' }) kind!: string;
  @ApiProperty({ enum: CHANNELS, example: 'phone' }) channel!: string;
  @ApiProperty({ format: 'date-time', description: 'when the contact was made' }) at!: string;
  @ApiPropertyOptional({ example: '还没人来修', description: 'redacted summary of what was said' }) summary?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '工单合并 — the ticket this contact first belonged to, merged into this one' }) mergedFrom?: string;

  static of(contact: LinkedContact): LinkedContactView {
    return {
      contactId: contact.contactId,
      kind: contact.kind,
      channel: contact.channel,
      at: contact.at.toISOString(),
      summary: contact.summary,
      ...presentProps({ mergedFrom: contact.mergedFrom }),
    };
  }
}

class SuggestionEvaluationView {
  @ApiProperty() reasonable!: boolean;
  @ApiProperty() feasible!: boolean;
  @ApiProperty() valuable!: boolean;
  @ApiProperty({ example: '增设快递柜可减少门岗代收压力' }) comment!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
}

class SuggestionForwardView {
  @ApiProperty({ example: 'property_management' }) department!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
}

class SuggestionImplementationView {
  @ApiProperty({ enum: SUGGESTION_IMPLEMENTATION_STATUSES }) status!: string;
  @ApiPropertyOptional({ example: '已在3号楼大堂增设快递柜' }) result?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
}

class SuggestionRewardView {
  @ApiProperty({ enum: SUGGESTION_REWARD_KINDS }) kind!: string;
  @ApiProperty({ example: '赠送会员积分' }) description!: string;
  @ApiPropertyOptional({ example: 200 }) value?: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
}

/** 建议 — how far a suggestion's handling went. */
export class SuggestionView {
  @ApiPropertyOptional({ type: SuggestionEvaluationView }) evaluation?: SuggestionEvaluationView;
  @ApiPropertyOptional({ type: SuggestionForwardView }) forwardedTo?: SuggestionForwardView;
  @ApiPropertyOptional({ type: SuggestionImplementationView }) implementation?: SuggestionImplementationView;
  @ApiPropertyOptional({ type: SuggestionRewardView }) reward?: SuggestionRewardView;

  static of(s: SuggestionHandling): SuggestionView {
    const stamped = <T extends { at: Date }>(step: T) => ({ ...step, at: step.at.toISOString() });
    return {
      ...(s.evaluation ? { evaluation: stamped(s.evaluation) } : {}),
      ...(s.forwardedTo ? { forwardedTo: stamped(s.forwardedTo) } : {}),
      ...(s.implementation ? { implementation: stamped(s.implementation) } : {}),
      ...(s.reward ? { reward: stamped(s.reward) } : {}),
    };
  }
}

class OpinionAnswerView {
  @ApiProperty({ example: '合同第12条约定延期交付按日万分之五赔付' }) text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
}

/** 征求意见 — an opinion asked on a complaint, and the answer once given. */
export class OpinionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OPINION_SOURCES }) from!: string;
  @ApiPropertyOptional({ example: 'engineering' }) department?: string;
  @ApiProperty({ example: '业主要求赔偿装修延期损失，是否有合同依据？' }) question!: string;
  @ApiProperty({ format: 'date-time', description: 'when the opinion is due, as the request asked' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty() requestedBy!: string;
  @ApiPropertyOptional({ type: OpinionAnswerView }) answer?: OpinionAnswerView;
  @ApiPropertyOptional({ format: 'date-time', description: 'when its deadline passed unanswered' }) overdueAt?: string;

  static of(o: RequestedOpinion): OpinionView {
    return {
      id: o.id,
      from: o.from,
      ...(o.department ? { department: o.department } : {}),
      question: o.question,
      dueAt: o.dueAt.toISOString(),
      requestedAt: o.requestedAt.toISOString(),
      requestedBy: o.requestedBy,
      ...(o.answer ? { answer: { ...o.answer, at: o.answer.at.toISOString() } } : {}),
      ...(o.overdueAt ? { overdueAt: o.overdueAt.toISOString() } : {}),
    };
  }
}

/** 周期工单 — the schedule occurrence that opened a ticket no customer raised. */
export class TicketOriginView {
  @ApiProperty({ enum: ['schedule'] }) kind!: 'schedule';
  @ApiProperty({ format: 'uuid' }) scheduleId!: string;
  @ApiProperty({ format: 'date', example: '2026-10-05', description: 'the day the schedule’s rule named, before any move to a working day' }) occurrenceOn!: string;
}

class ApprovedReplyView {
  @ApiProperty({ example: '经核实，该问题属合同约定范围外' }) text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'the approving supervisor' }) by!: string;
}

/** What an incident's customers were last told, for the agent to repeat to the next caller. */
export class IncidentNoticeView {
  @ApiProperty({ example: '维保单位已到场，预计 16:00 恢复' }) message!: string;
  @ApiPropertyOptional({ format: 'date-time' }) expectedRestoreAt?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** An open incident the ticket could join, as much as an agent needs to decide on the call. */
export class IncidentSuggestionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'INC-20261130-0001' }) number!: string;
  @ApiProperty({ example: '3栋1号电梯停运' }) title!: string;
  @ApiPropertyOptional({ example: '3' }) building?: string;
  @ApiProperty({ format: 'date-time' }) declaredAt!: string;
  @ApiProperty({ description: 'callers already joined' }) childCount!: number;
  @ApiPropertyOptional({ type: IncidentNoticeView, description: 'what its customers were last told' }) latestUpdate?: IncidentNoticeView;

  static of({ incident, latestUpdate }: IncidentSuggestion): IncidentSuggestionView {
    return {
      id: incident.id,
      number: incident.number,
      title: incident.title,
      ...presentProps({ building: incident.place.building }),
      declaredAt: incident.declaredAt.toISOString(),
      childCount: incident.childCount,
      ...(latestUpdate
        ? {
            latestUpdate: {
              message: latestUpdate.message,
              ...presentProps({ expectedRestoreAt: latestUpdate.expectedRestoreAt?.toISOString() }),
              at: latestUpdate.at.toISOString(),
            },
          }
        : {}),
    };
  }
}

export class TicketView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'TK-20261124-000123' }) number!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiProperty({ enum: ['pending', 'valid', 'invalid', 'out_of_scope'] }) validity!: string;
  @ApiProperty({ format: 'uuid', description: 'the contact that opened it; a scheduled ticket, which no contact raised, names itself' }) contactId!: string;
  @ApiProperty({ format: 'uuid', description: 'for a scheduled ticket, which serves no one customer: the schedule' }) customerId!: string;
  @ApiProperty({ example: '张*', description: 'masked; a pseudonym once the customer was erased; a scheduled ticket’s schedule name' }) customerName!: string;
  @ApiProperty({ enum: TICKET_CHANNELS, description: '`schedule`: opened by a recurring schedule (周期工单), see `origin`' }) channel!: string;
  @ApiPropertyOptional() sectionCode?: string;
  @ApiPropertyOptional() itemCode?: string;
  @ApiProperty({ enum: ['general', 'major'] }) grade!: string;
  @ApiProperty({ enum: ['low', 'normal', 'high', 'urgent'] }) priority!: string;
  @ApiPropertyOptional() projectCode?: string;
  @ApiPropertyOptional() building?: string;
  @ApiPropertyOptional() room?: string;
  @ApiProperty({ description: '首问责任人' }) ownerId!: string;
  @ApiPropertyOptional() department?: string;
  @ApiPropertyOptional() handler?: string;
  @ApiPropertyOptional() promisedReply?: string;
  @ApiProperty() reopenCount!: number;
  @ApiProperty({ description: '催办 — contacts after the first' }) repeatContactCount!: number;
  @ApiProperty() extensionCount!: number;
  @ApiProperty({ description: '0 none, 1 supervisor/leaders, 2 manager' }) escalationLevel!: number;
  @ApiPropertyOptional() resolution?: string;
  @ApiPropertyOptional({ format: 'date-time' }) resolvedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) closedAt?: string;
  @ApiPropertyOptional() policyId?: string;
  @ApiProperty({ type: [ClockViewDto] }) clocks!: ClockView[];
  @ApiPropertyOptional({ type: [String], example: ['harbour'], description: CALENDARS_NEEDING_CORRECTION }) calendarsNeedingCorrection?: string[];
  @ApiPropertyOptional({ description: 'the unified answer (统一答复) an invalid matter was explained with' }) unifiedAnswerId?: string;
  @ApiPropertyOptional({ type: SuggestionView }) suggestion?: SuggestionView;
  @ApiPropertyOptional({ type: [OpinionView], description: 'opinions asked while researching a complaint’s answer' }) opinions?: OpinionView[];
  @ApiPropertyOptional({ type: ApprovedReplyView }) approvedReply?: ApprovedReplyView;
  @ApiPropertyOptional({ format: 'uuid', description: '群发事件 — the incident this ticket is a child of (`GET /v1/incidents/{id}`): its own clocks stopped when it joined, and it is resolved with the incident' })
  incidentId?: string;
  @ApiPropertyOptional({ type: TicketOriginView }) origin?: TicketOriginView;
  @ApiPropertyOptional({ format: 'uuid', description: '工单合并 — closed as merged into this ticket; read-only, act on that one' }) mergedInto?: string;
  @ApiProperty({
    enum: RECORD_GAPS,
    isArray: true,
    description:
      '处理记录是否完整 — what the record lacks of what the regulations ask it to hold, empty when complete; counted when the ticket is closed (`recordCompletenessRate`, docs/kpis.md): item, project, building and room (as the catalogue item’s `place` asked when the ticket was classified), validity (a repair or complaint never judged), department (valid, never dispatched), suggestion_evaluation; the item and the place are completed with `POST /v1/tickets/{id}/record`. Empty for routine work a schedule opened, which is not judged',
  })
  recordGaps!: string[];
  @ApiPropertyOptional({ format: 'date-time', description: '上门 — when the handler first arrived on site (POST /v1/tickets/{id}/arrival)' }) onSiteAt?: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() version!: number;
  @ApiPropertyOptional({ type: [HistoryEntryView], description: 'who did what when (in GET /v1/tickets/{id})' })
  history?: HistoryEntryView[];
  @ApiPropertyOptional({ type: DemandView, description: `what the customer asked (in GET /v1/tickets/{id}); ${CONTACT_TEXT}` })
  demand?: DemandView;
  @ApiPropertyOptional({ type: [LinkedContactView], description: 'the opening contact and every follow-up, oldest first (in GET /v1/tickets/{id})' })
  contacts?: LinkedContactView[];
  @ApiPropertyOptional({
    type: [PresenceView],
    description: '协同提示 — the other people viewing or editing the ticket now, editors first (in GET /v1/tickets/{id}; empty when the presence store is down)',
  })
  presence?: PresenceView[];
  @ApiPropertyOptional({
    type: [IncidentSuggestionView],
    description:
      '群发事件 — open incidents about this ticket’s item and place (its building, or no building), newest first, that it may join in one call: `POST /v1/incidents/{id}/children` (in GET /v1/tickets/{id}; empty once it is a child or no longer open)',
  })
  incidentSuggestions?: IncidentSuggestionView[];

  static of(ticket: Ticket, clocks: ClockView[], history?: HistoryEntryView[], contacts?: readonly LinkedContact[]): TicketView {
    // A merged duplicate's opening contact moved here too; the demand is this ticket's own.
    const opening = contacts?.find((c) => c.kind === 'opened' && !c.mergedFrom && c.summary !== undefined);
    return {
      id: ticket.id,
      number: ticket.number,
      status: ticket.status,
      validity: ticket.validity,
      contactId: ticket.contactId,
      customerId: ticket.customerId,
      customerName: ticket.customerName,
      channel: ticket.channel,
      sectionCode: ticket.sectionCode,
      itemCode: ticket.itemCode,
      grade: ticket.grade,
      priority: ticket.priority,
      projectCode: ticket.unit.projectCode,
      building: ticket.unit.building,
      room: ticket.unit.room,
      ownerId: ticket.ownerId,
      department: ticket.department,
      handler: ticket.handler,
      promisedReply: ticket.promisedReply,
      reopenCount: ticket.reopenCount,
      repeatContactCount: ticket.repeatContactCount,
      extensionCount: ticket.extensionCount,
      escalationLevel: ticket.escalationLevel,
      resolution: ticket.resolution,
      resolvedAt: ticket.resolvedAt?.toISOString(),
      closedAt: ticket.closedAt?.toISOString(),
      policyId: ticket.policyId,
      clocks,
      ...calendarsNeedingCorrection(clocks),
      ...(ticket.unifiedAnswerId ? { unifiedAnswerId: ticket.unifiedAnswerId } : {}),
      ...(ticket.suggestion ? { suggestion: SuggestionView.of(ticket.suggestion) } : {}),
      ...(ticket.opinions ? { opinions: ticket.opinions.map(OpinionView.of) } : {}),
      ...(ticket.approvedReply ? { approvedReply: { ...ticket.approvedReply, at: ticket.approvedReply.at.toISOString() } } : {}),
      ...presentProps({ incidentId: ticket.incidentId }),
      ...presentProps({ origin: ticket.origin, mergedInto: ticket.mergedInto }),
      recordGaps: recordGaps(ticket),
      ...presentProps({ onSiteAt: ticket.onSiteAt?.toISOString() }),
      occurredAt: ticket.occurredAt.toISOString(),
      createdAt: ticket.createdAt.toISOString(),
      version: ticket.version,
      ...presentProps({ history }),
      ...(opening ? { demand: { summary: opening.summary!, firstContactId: opening.contactId } } : {}),
      ...(contacts ? { contacts: contacts.map(LinkedContactView.of) } : {}),
    };
  }
}

export class TicketPage {
  @ApiProperty({ type: [TicketView] }) items!: TicketView[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next page' }) nextCursor?: string;
}
