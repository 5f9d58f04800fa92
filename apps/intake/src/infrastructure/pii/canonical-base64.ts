/**
 * Node's base64 decoder skips characters it does not understand and ignores trailing bits, so
 * two different strings can decode to the same bytes. Decoding only canonical input means a
 * mangled key or ciphertext is reported as malformed instead of being half-read.
 */
export function decodeCanonical(text: string, encoding: 'base64' | 'base64url'): Buffer | undefined {
  const alphabet = encoding === 'base64' ? /^[A-Za-z0-9+/]*={0,2}$/ : /^[A-Za-z0-9_-]*$/;
  if (!alphabet.test(text)) return undefined;
  const bytes = Buffer.from(text, encoding);
  return bytes.toString(encoding) === text ? bytes : undefined;
}
