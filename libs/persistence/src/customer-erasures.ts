import { Type } from '@sinclair/typebox';
import { type Queryable, execute, selectRow } from './typed-query';

const ErasedAtRow = Type.Object({ erased_at: Type.Date() });

/**
 * A service's memory of intake's erasures (PIPL), in its own `erased_customers (customer_id uuid
 * PRIMARY KEY, erased_at timestamptz NOT NULL)`: what names the customer and arrives after the
 * erasure — published before it, under another key — is then kept without their words, or owed
 * nothing. Told again, the first erasure's time stays.
 */
export async function rememberErasedCustomer(tx: Queryable, customerId: string, at: Date): Promise<void> {
  await execute(tx, 'INSERT INTO erased_customers (customer_id, erased_at) VALUES ($1, $2) ON CONFLICT (customer_id) DO NOTHING', [customerId, at]);
}

/** When the customer was erased, as `rememberErasedCustomer` kept it; undefined when they were not. */
export async function whenCustomerErased(db: Queryable, customerId: string): Promise<Date | undefined> {
  return (await selectRow(db, ErasedAtRow, 'SELECT erased_at FROM erased_customers WHERE customer_id = $1', [customerId]))?.erased_at;
}
