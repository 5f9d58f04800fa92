import { createRequire } from 'node:module';
import { isObject, type JsonObject } from './json';

/** A kubernetes-models class: built from a manifest, `validate()` throws with its schema violations. */
interface ModelClass {
  new (data: JsonObject): { validate(): void };
}

// kubernetes-models has one module per API group and version (`kubernetes-models/apps/v1`), so the
// module to load follows from each object's apiVersion.
const load = createRequire(__filename);

/**
 * Validates one object against the Kubernetes OpenAPI schema of its apiVersion and kind, offline.
 * Returns the violations, or [] when the object is valid.
 */
export function schemaViolations(object: JsonObject): string[] {
  const apiVersion = String(object['apiVersion']);
  const kind = String(object['kind']);
  let models: Record<string, ModelClass | undefined>;
  try {
    models = load(`kubernetes-models/${apiVersion}`) as Record<string, ModelClass | undefined>;
  } catch {
    return [`no schema for apiVersion ${apiVersion}`];
  }
  const Model = models[kind];
  if (Model === undefined) return [`no schema for ${apiVersion} ${kind}`];
  try {
    new Model(asDecoded(object)).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/**
 * kustomize folds a long base64 value of a generated Secret over several lines; the API server's
 * base64 decoder skips line breaks, the validator's `byte` format does not, so they are removed
 * before validation (and only there).
 */
function asDecoded(object: JsonObject): JsonObject {
  const data = object['data'];
  if (object['kind'] !== 'Secret' || !isObject(data)) return object;
  const unfolded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? value.replace(/\r?\n/g, '') : value]));
  return { ...object, data: unfolded };
}
