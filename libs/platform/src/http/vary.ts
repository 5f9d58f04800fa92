import type { FastifyReply } from 'fastify';

/**
 * A Vary value naming `fields` besides what `current` names (case-insensitively, `*` covering all).
 * A response whose CORS headers follow the caller's Origin says `Vary: Origin`; setting Vary
 * outright (an error's Accept-Language, a report's Accept) dropped it, and a shared cache could then
 * hand one origin's answer, with its Access-Control-Allow-Origin, to another.
 */
export function withVary(current: string | undefined, ...fields: readonly string[]): string {
  const named = (current ?? '')
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field.length > 0);
  const lower = new Set(named.map((field) => field.toLowerCase()));
  if (lower.has('*')) return '*';
  for (const field of fields) {
    if (lower.has(field.toLowerCase())) continue;
    named.push(field);
    lower.add(field.toLowerCase());
  }
  return named.join(', ');
}

/** Adds `fields` to the reply's Vary, keeping what it names already (see withVary). */
export function varyAlsoOn(reply: FastifyReply, ...fields: readonly string[]): FastifyReply {
  const current = reply.getHeader('vary');
  return reply.header('vary', withVary(Array.isArray(current) ? current.join(', ') : current === undefined ? undefined : String(current), ...fields));
}
