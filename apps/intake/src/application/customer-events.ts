import type { EntityManager } from 'typeorm';
import { CustomerRegisteredV1, CustomerUpdatedV1 } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { OutboxWriter } from '@cs/messaging';
import { Customer } from '../domain/customer';
import { maskName } from '../domain/masking';

/** The masked snapshot other services may keep of a customer: never a phone, never a full name. */
function snapshot(customer: Customer) {
  return {
    customerId: customer.id,
    nameMasked: maskName(customer.name),
    units: customer.units.map((u) => ({
      projectCode: u.projectCode,
      ...presentProps({ building: u.building, room: u.room }),
    })),
    tags: [...customer.tags],
  };
}

export async function announceRegistered(tx: EntityManager, outbox: OutboxWriter, customer: Customer, at: Date): Promise<void> {
  await outbox.append(tx, CustomerRegisteredV1, customer.id, { ...snapshot(customer), registeredAt: at.toISOString() });
}

export async function announceUpdated(tx: EntityManager, outbox: OutboxWriter, customer: Customer, at: Date): Promise<void> {
  await outbox.append(tx, CustomerUpdatedV1, customer.id, { ...snapshot(customer), updatedAt: at.toISOString() });
}
