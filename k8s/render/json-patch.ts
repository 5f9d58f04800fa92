import { isDeepStrictEqual } from 'node:util';
import { clone, isObject, type Json, type JsonObject } from './json';

/** One RFC 6902 operation; `copy` and `move` are not needed by our overlays and throw. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'test';
  path: string;
  value?: Json;
}

export function toJsonPatch(document: Json, where: string): JsonPatchOperation[] {
  if (!Array.isArray(document)) throw new Error(`${where}: a JSON 6902 patch is a list of operations`);
  return document.map((entry, i) => {
    if (!isObject(entry)) throw new Error(`${where}[${i}]: an operation is a mapping`);
    const { op, path, value } = entry;
    if (op !== 'add' && op !== 'remove' && op !== 'replace' && op !== 'test') {
      throw new Error(`${where}[${i}]: op ${JSON.stringify(op)} is not supported`);
    }
    if (typeof path !== 'string') throw new Error(`${where}[${i}]: path must be a string`);
    if (op !== 'remove' && value === undefined) throw new Error(`${where}[${i}]: ${op} needs a value`);
    return value === undefined ? { op, path } : { op, path, value };
  });
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`JSON pointer ${path} must start with /`);
  return path
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(token: string, length: number, allowEnd: boolean, path: string): number {
  if (allowEnd && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new Error(`${path}: ${token} is not an array index`);
  const index = Number(token);
  if (index > length || (!allowEnd && index === length)) throw new Error(`${path}: index ${index} is out of range`);
  return index;
}

/** Applies the operations in order to a copy of `target` and returns it. */
export function applyJsonPatch(target: JsonObject, operations: readonly JsonPatchOperation[]): JsonObject {
  const root = clone(target);
  for (const operation of operations) {
    const tokens = pointer(operation.path);
    const last = tokens.pop();
    if (last === undefined) throw new Error(`${operation.op} on the whole document is not supported`);
    let parent: Json = root;
    for (const token of tokens) {
      const next: Json | undefined = Array.isArray(parent)
        ? parent[arrayIndex(token, parent.length, false, operation.path)]
        : isObject(parent)
          ? parent[token]
          : undefined;
      if (next === undefined) throw new Error(`${operation.path}: ${token} does not exist`);
      parent = next;
    }
    const value = operation.value === undefined ? undefined : clone(operation.value);
    if (Array.isArray(parent)) {
      const index = arrayIndex(last, parent.length, operation.op === 'add', operation.path);
      if (operation.op === 'add' && value !== undefined) parent.splice(index, 0, value);
      else if (operation.op === 'remove') parent.splice(index, 1);
      else if (operation.op === 'replace' && value !== undefined) parent[index] = value;
      else if (!isDeepStrictEqual(parent[index], value)) {
        throw new Error(`test failed at ${operation.path}`);
      }
    } else if (isObject(parent)) {
      const exists = Object.prototype.hasOwnProperty.call(parent, last);
      if (operation.op !== 'add' && !exists) throw new Error(`${operation.path} does not exist`);
      if ((operation.op === 'add' || operation.op === 'replace') && value !== undefined) parent[last] = value;
      else if (operation.op === 'remove') delete parent[last];
      else if (!isDeepStrictEqual(parent[last], value)) {
        throw new Error(`test failed at ${operation.path}`);
      }
    } else {
      throw new Error(`${operation.path}: the parent is not a container`);
    }
  }
  return root;
}
