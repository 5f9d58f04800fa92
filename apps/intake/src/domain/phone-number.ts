/**
 * Normalises a Chinese phone number to E.164 (+86…), so one customer is one phone however
 * an agent or a gateway typed it: "138 1234 5678", "+86-138-1234-5678", "008613812345678",
 * "010-8888 6666", "4008 123 456". Returns undefined for anything that is not a number.
 */
export function normalizePhone(raw: string): string | undefined {
  const compact = raw.trim().replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  let national = compact;
  if (national.startsWith('+86')) national = national.slice(3);
  else if (national.startsWith('0086')) national = national.slice(4);
  else if (national.startsWith('+')) return /^\+[1-9]\d{6,14}$/.test(national) ? national : undefined;
  else if (/^86(1[3-9]\d{9})$/.test(national)) national = national.slice(2);

  if (/^1[3-9]\d{9}$/.test(national)) return `+86${national}`; // mobile
  if (/^[48]00\d{7}$/.test(national)) return `+86${national}`; // 400 / 800 service numbers
  if (/^0[1-9]\d{8,10}$/.test(national)) return `+86${national.slice(1)}`; // landline with trunk 0
  if (/^[1-9]\d{8,10}$/.test(national) && compact.startsWith('+86')) return `+86${national}`; // landline already international
  return undefined;
}
