import type { PromiseTier } from '@cs/contracts';
import type { ItemPlace } from './catalogue';
import type { ComplaintResearchAction, ComplaintResearchCommand } from './complaint-research';
import type { SlaDuration } from './sla-duration';
import type { ClockKind } from './sla-policy';
import type { TicketAction } from './ticket-access';
import type { Grade, LifecycleCommand } from './ticket-lifecycle';
import type { SuggestionAction, SuggestionCommand } from './suggestion';

/** What a person asks of a ticket: a lifecycle command, an extension, a promise, a suggestion's or a complaint's research step. */
export type TicketRequest =
  | {
      readonly action: Exclude<TicketAction, 'extend' | 'promise' | 'merge' | 'amend_record' | SuggestionAction | ComplaintResearchAction>;
      readonly command: LifecycleCommand;
      readonly note?: string;
      /** With a validity decision: the complaint's grade; major escalates to leaders at once. */
      readonly grade?: Grade;
    }
  | {
      readonly action: 'extend';
      readonly clock: ClockKind;
      readonly by: SlaDuration;
      readonly reason: string;
      readonly customerInformedAt: Date;
      readonly exception?: CapExceptionRequest;
    }
  | { readonly action: 'promise'; readonly tier: PromiseTier; readonly exception?: CapExceptionRequest }
  | RecordAmendment
  | SuggestionCommand
  | ComplaintResearchCommand;

/** 补录 — what the record is completed or corrected with: the item (checked against the catalogue by the service), the building, the room. */
export interface RecordAmendment {
  readonly action: 'amend_record';
  readonly itemCode?: string;
  readonly building?: string;
  readonly room?: string;
  /** Where the catalogue asks the new item's record to place the matter: read by the service, never given by the caller. */
  readonly itemPlace?: ItemPlace;
}

/** A supervisor's approval to go beyond a reply cap; who approved it is the one asking. */
export interface CapExceptionRequest {
  readonly reason: string;
}
