/** 张三 → 张*, 欧阳娜娜 → 欧***; keeps the family name, which agents greet customers by. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/** +8613812345678 → 138****5678: the shape agents are used to reading back to callers. */
export function maskPhone(e164: string): string {
  const national = e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '');
  if (national.length <= 7) return '*'.repeat(national.length);
  return `${national.slice(0, 3)}${'*'.repeat(national.length - 7)}${national.slice(-4)}`;
}
