import { Type } from '@sinclair/typebox';
import { type TopicName, defineEvent } from '@cs/contracts';

/** A test's event of `type` on `topic`: a parcel shipped, by its id. */
export const parcelShipped = (type: string, topic: TopicName) =>
  defineEvent({ type, topic, aggregate: 'parcel', summary: 'test event', schema: Type.Object({ parcelId: Type.String() }, { additionalProperties: false }) });
