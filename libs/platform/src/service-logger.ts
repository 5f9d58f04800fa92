import { Logger, createLogger } from '@cs/observability';
import { redactPersonalData } from '@cs/privacy';

/** A service's logger: its errors' messages and stacks are redacted like free text (ADR 0006). */
export function serviceLogger(service: string, level: string): Logger {
  return createLogger(service, level, undefined, { redactText: redactPersonalData });
}
