/**
 * Which of `offered` an Accept header prefers: the one it names with the highest q-value, the
 * first named among equals. Undefined when it names none of them exactly (no header, or only
 * ranges such as `*\/*`): the caller's own default applies. q=0 refuses a type.
 */
export function preferredMediaType<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  const wanted = (accept ?? '')
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.trim().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { type: type.trim().toLowerCase(), q: Number.isNaN(q) ? 0 : q, index };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const w of wanted) {
    const found = offered.find((type) => type === w.type);
    if (found) return found;
  }
  return undefined;
}
