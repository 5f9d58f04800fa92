/** Tickets are numbered per day of the call center's own calendar, which is China time. */
const NUMBERING_TIMEZONE = 'Asia/Shanghai';

// Building a formatter costs more than formatting with it; every opened ticket asks.
const NUMBERING_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: NUMBERING_TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day a ticket number belongs to, as YYYYMMDD in China time. */
export function numberingDay(at: Date): string {
  const parts = NUMBERING_DATE.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

/** 工单号 — TK-20261124-000123: readable over the phone, sortable, unique. */
export function formatTicketNumber(day: string, sequence: number): string {
  if (!/^\d{8}$/.test(day) || !Number.isInteger(sequence) || sequence < 1) {
    throw new Error(`cannot number ticket ${sequence} of day ${day}`);
  }
  return `TK-${day}-${String(sequence).padStart(6, '0')}`;
}
