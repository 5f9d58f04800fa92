/**
 * Masks what looks like a phone or ID number in free text before it leaves intake in an
 * event summary: customers often dictate numbers, and events must carry no raw phone numbers.
 */
export function redactNumbers(text: string): string {
  return text.replace(/(?:\+?\d[\d\s-]{5,}\d)/g, (run) => {
    const digits = run.replace(/\D/g, '');
    if (digits.length < 7) return run;
    return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  });
}
