const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Quotes a schema or role name after checking it; these names are never user input, but they do end up in DDL. */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: "${name}"`);
  return `"${name}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
