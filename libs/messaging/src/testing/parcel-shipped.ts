import { Type } from '@sinclair/typebox';
import { type EventDefinition, type TopicName, defineEvent } from '@cs/contracts';
import type { Delivery, EventDispatcher } from '../inbox/event-dispatcher';

/** A test's event of `type` on `topic`: a parcel shipped, by its id. */
export const parcelShipped = (type: string, topic: TopicName) =>
  defineEvent({ type, topic, aggregate: 'parcel', summary: 'test event', schema: Type.Object({ parcelId: Type.String() }, { additionalProperties: false }) });

/** A parcel shipped on `topic`, the event the consumer suites feed their groups: its type names the topic's own word. */
export const parcelShippedOn = (topic: TopicName) => parcelShipped(`${topic.split('.')[1]!}.shipped.v1`, topic);

/** A dispatcher of `Shipped` alone, handing each parcel's id and its delivery to `ship`. */
export function shippingParcels(Shipped: EventDefinition, ship: (parcelId: string, delivery: Delivery) => Promise<void>): EventDispatcher {
  return {
    topics: () => [Shipped.topic],
    contract: (type) => (type === Shipped.type ? Shipped : undefined),
    dispatch: (event, delivery) => ship((event.data as { parcelId: string }).parcelId, delivery),
  };
}

/** A dispatcher of `Shipped` that records each parcel tried and each shipped, and fails every parcel named `poison…`. */
export function poisonFailingParcels(Shipped: EventDefinition): { readonly parcels: EventDispatcher; readonly tried: string[]; readonly shipped: string[] } {
  const tried: string[] = [];
  const shipped: string[] = [];
  const parcels = shippingParcels(Shipped, async (parcelId) => {
    tried.push(parcelId);
    if (parcelId.startsWith('poison')) throw new Error('cannot ship poison');
    shipped.push(parcelId);
  });
  return { parcels, tried, shipped };
}
