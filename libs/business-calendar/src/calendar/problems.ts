import type { CalendarProblem } from './calendar-validation-error';

/** Collects problems while the whole document is read, so a caller sees all of them at once. */
export class Problems {
  readonly list: CalendarProblem[] = [];

  add(path: string, message: string): undefined {
    this.list.push({ path, message });
    return undefined;
  }
}

/** `holidays` + 3 → `holidays[3]`; `workingHours` + `mon` → `workingHours.mon`. */
export function pathTo(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
