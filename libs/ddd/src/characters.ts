/**
 * `text` as at most `max` characters (code points, as the event contracts count them), its
 * beginning and an ellipsis when longer. Cut between characters: a cut inside a surrogate pair
 * leaves an emoji half a character, which Postgres refuses to store.
 */
export function cutToCharacters(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
