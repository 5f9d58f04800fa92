import { parseCalendar } from '../calendar/parse-calendar';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { OFFICE_WEEK } from '../calendar/office-hours';

/**
 * The 2026 calendar of the examples: 国庆 2026-10-01…07 off, 调休 on Sunday 09-27 and Saturday
 * 10-10, and 元旦 2027-01-01 off. Illustrative, not the State Council's official notice.
 */
export const CHINA_2026_DOCUMENT = {
  timezone: 'Asia/Shanghai',
  workingHours: OFFICE_WEEK,
  holidays: [
    { date: '2026-10-01', name: '国庆节' },
    { date: '2026-10-02', name: '国庆节' },
    { date: '2026-10-03', name: '国庆节' },
    { date: '2026-10-04', name: '国庆节' },
    { date: '2026-10-05', name: '国庆节' },
    { date: '2026-10-06', name: '国庆节' },
    { date: '2026-10-07', name: '国庆节' },
    { date: '2027-01-01', name: '元旦' },
  ],
  workingDays: [
    { date: '2026-09-27', name: '国庆节调休' },
    { date: '2026-10-10', name: '国庆节调休' },
  ],
};

export const china2026: BusinessCalendar = parseCalendar(CHINA_2026_DOCUMENT);

/** The same, except that the 调休 Saturday 2026-10-10 works a morning only. */
export const china2026ShortSaturday: BusinessCalendar = parseCalendar({
  ...CHINA_2026_DOCUMENT,
  workingDays: [
    { date: '2026-09-27', name: '国庆节调休' },
    { date: '2026-10-10', name: '国庆节调休', hours: [['09:00', '12:00']] },
  ],
});

const weekdays = (hours: readonly (readonly [string, string])[], weekend: { sat?: unknown; sun?: unknown } = {}) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: weekend.sat ?? [],
  sun: weekend.sun ?? [],
});

/** Berlin office, 08:00–17:00 on weekdays (CET +01:00 until 2026-03-29, CEST +02:00 until 2026-10-25). */
export const berlinOffice: BusinessCalendar = parseCalendar({
  timezone: 'Europe/Berlin',
  workingHours: weekdays([['08:00', '17:00']]),
});

/** Berlin office plus a Sunday night desk 00:00–06:00, which the DST changes (02:00/03:00) fall into. */
export const berlinWithSundayNights: BusinessCalendar = parseCalendar({
  timezone: 'Europe/Berlin',
  workingHours: weekdays([['08:00', '17:00']], { sun: [['00:00', '06:00']] }),
});

/**
 * New York hotline, 00:00–04:00 and 20:00–24:00 every day (EDT −04:00 from 2026-03-08 02:00,
 * EST −05:00 from 2026-11-01 02:00): nights that touch across midnight and hold both changes.
 */
export const newYorkNights: BusinessCalendar = parseCalendar({
  timezone: 'America/New_York',
  workingHours: weekdays(
    [
      ['00:00', '04:00'],
      ['20:00', '24:00'],
    ],
    {
      sat: [
        ['00:00', '04:00'],
        ['20:00', '24:00'],
      ],
      sun: [
        ['00:00', '04:00'],
        ['20:00', '24:00'],
      ],
    },
  ),
});

/** `shanghai('2026-09-30 10:00')` (seconds optional): a local time in China (UTC+08:00, no DST since 1991). */
export function shanghai(local: string): Date {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return new Date(`${withSeconds.replace(' ', 'T')}+08:00`);
}
