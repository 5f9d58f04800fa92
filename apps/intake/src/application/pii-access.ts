import type { EntityManager } from 'typeorm';
import { Permission, Principal } from '@cs/auth';

/** Why a user looked at personal data; PIPL wants every access accountable. */
export interface AccessContext {
  readonly principal: Principal;
  readonly purpose?: string;
  readonly requestId?: string;
}

export function mayReadPii(principal: Principal): boolean {
  return principal.permissions.includes(Permission.CustomerPiiRead);
}

/** One row per customer shown unmasked, written in the same transaction as the read. */
export async function logUnmaskedRead(tx: EntityManager, access: AccessContext, customerIds: readonly string[], fields: readonly string[]): Promise<void> {
  for (const customerId of customerIds) {
    await tx.query(
      `INSERT INTO pii_access_log (actor_sub, actor_name, customer_id, purpose, fields, request_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [access.principal.sub, access.principal.name, customerId, access.purpose?.trim() || 'unspecified', fields, access.requestId ?? null],
    );
  }
}
