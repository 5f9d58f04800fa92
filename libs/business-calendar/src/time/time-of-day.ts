/** Minutes after local midnight: 0 … 1440, where 1440 is "24:00" (the end of the day). */
export type MinuteOfDay = number;

export const END_OF_DAY: MinuteOfDay = 1440;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Reads a wall-clock time `HH:MM`. "24:00" is accepted only as an interval end, so an
 * interval can run to midnight without the day after being involved.
 */
export function parseTimeOfDay(text: string, role: 'start' | 'end'): MinuteOfDay | undefined {
  if (text === '24:00') return role === 'end' ? END_OF_DAY : undefined;
  const match = HH_MM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function formatTimeOfDay(minute: MinuteOfDay): string {
  const hours = Math.floor(minute / 60);
  const minutes = minute % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
