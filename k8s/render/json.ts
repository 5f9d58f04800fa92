/** Plain JSON values: what a parsed Kubernetes manifest is made of. */
export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy; also breaks the sharing that YAML aliases (`*anchor`) leave behind. */
export function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

/** Follows a path of keys and indexes; undefined as soon as one step is missing. */
export function at(value: Json | undefined, ...path: (string | number)[]): Json | undefined {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (!isObject(current)) return undefined;
      current = current[step];
    }
  }
  return current;
}

/** The object at `key`, created empty when absent. Throws when something else is there. */
export function objectAt(parent: JsonObject, key: string, where: string): JsonObject {
  const existing = parent[key];
  if (existing === undefined || existing === null) {
    const created: JsonObject = {};
    parent[key] = created;
    return created;
  }
  if (!isObject(existing)) throw new Error(`${where}: ${key} is not a mapping`);
  return existing;
}

export function asString(value: Json | undefined, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

export function asArray(value: Json | undefined, where: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list, got ${JSON.stringify(value)}`);
  return value;
}
