export type CsvCell = string | number | boolean | null;

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @ first) is prefixed with an apostrophe:
 * exported text never runs in the reader's spreadsheet. Numbers are written as numbers.
 */
function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 text with a UTF-8 byte-order mark, so spreadsheet programs read the Chinese labels right. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
