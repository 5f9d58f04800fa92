import { Type } from '@sinclair/typebox';

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Timestamp = Type.String({ format: 'date-time' });
/** A catalogue item's code: `<section>.<item>` in English snake case. */
export const CATALOGUE_ITEM_CODE_PATTERN = '^[a-z_]+\\.[a-z_]+$';
export const MAX_CATALOGUE_ITEM_CODE_LENGTH = 80;
export const CatalogueItemCode = Type.String({ pattern: CATALOGUE_ITEM_CODE_PATTERN, maxLength: MAX_CATALOGUE_ITEM_CODE_LENGTH });

/** 受理渠道 — the channel a contact came through. */
export const CHANNELS = ['phone', 'email', 'sms', 'wechat', 'qq', 'walk_in', 'web_chat', 'social', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ChannelSchema = Type.Union(CHANNELS.map((c) => Type.Literal(c)));
/** How a ticket came in: a customer's contact on one of the channels, or a recurring schedule (周期工单) for routine work. */
export const TICKET_CHANNELS = [...CHANNELS, 'schedule'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export const TicketChannelSchema = Type.Union(TICKET_CHANNELS.map((c) => Type.Literal(c)));

/** Where a customer lives or owns: project (小区/项目), building (楼栋), room (房号). */
export const Unit = Type.Object(
  {
    projectCode: Type.Optional(Type.String({ maxLength: 40 })),
    building: Type.Optional(Type.String({ maxLength: 40 })),
    room: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

/** The reply times an agent may promise a consultation: never later than 3 working days. */
export const PROMISE_TIERS = ['10m', '20m', '30m', '1d', '2d', '3d'] as const;
export type PromiseTier = (typeof PROMISE_TIERS)[number];
export const PromiseTierSchema = Type.Union(PROMISE_TIERS.map((t) => Type.Literal(t)));

/** 一般投诉 / 重大投诉 — a major complaint (crisis) escalates to leaders at once. */
export const GRADES = ['general', 'major'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
