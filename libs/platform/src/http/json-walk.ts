/** One value met while walking a parsed JSON document. */
export interface JsonNode {
  /** Where it stands, as field errors name it (`customer.phones[1]`); the root's path is given. */
  readonly path: string;
  readonly value: unknown;
  /** How many arrays and objects enclose it: 0 for the root. */
  readonly depth: number;
  /** The member name it stands under, when its parent is an object. */
  readonly key?: string;
}

function childrenOf({ path, value, depth }: JsonNode): JsonNode[] {
  if (Array.isArray(value)) return value.map((item: unknown, i) => ({ path: `${path}[${i}]`, value: item, depth: depth + 1 }));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).map(([key, item]) => ({ path: path ? `${path}.${key}` : key, value: item, depth: depth + 1, key }));
}

/**
 * Every value of a parsed JSON document, depth-first in document order. It keeps its own
 * stack rather than recursing: a request nested thousands deep must not overflow the call stack.
 */
export function* walkJson(root: unknown, rootPath = ''): Generator<JsonNode> {
  const pending: JsonNode[] = [{ path: rootPath, value: root, depth: 0 }];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    yield node;
    pending.push(...childrenOf(node).reverse());
  }
}
