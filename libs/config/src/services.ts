/** The six services of the platform, in the order of their default HTTP ports (3001–3006). */
export const SERVICE_NAMES = ['intake', 'tickets', 'callbacks', 'knowledge', 'reporting', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = {
  intake: 3001,
  tickets: 3002,
  callbacks: 3003,
  knowledge: 3004,
  reporting: 3005,
  notifications: 3006,
};

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

/** Password a service's database role gets in local development when none is configured. */
export function devDatabasePassword(service: ServiceName): string {
  return `${service}-dev-password`;
}

/**
 * How long a service drains after SIGTERM (HTTP requests in flight, the message in hand, the
 * relay's batch) before it forces its exit; the gateway only finishes its requests. Pods' termination
 * grace periods are sized from these (k8s/manifests.unit.spec.ts).
 */
export const SERVICE_SHUTDOWN_TIMEOUT_MS = 25_000;
export const GATEWAY_SHUTDOWN_TIMEOUT_MS = 10_000;
