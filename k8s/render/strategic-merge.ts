import { clone, isObject, type Json, type JsonObject } from './json';

/**
 * Kubernetes strategic-merge patch, for the fields our manifests use. Mappings merge key by
 * key; `null` deletes a key; lists that Kubernetes declares with a merge key (containers by
 * name, volumeMounts by mountPath, ...) merge element by element, every other list is
 * replaced. `$patch: delete` and `$patch: replace` are honoured; other directives throw.
 *
 * Element order follows kustomize (kyaml): the patch's elements first, in the patch's
 * order, merged with their counterparts, then the target's untouched elements.
 */
export function strategicMerge(target: JsonObject, patch: JsonObject, kind: string): JsonObject {
  return mergeObject(target, patch, [kind]);
}

/** Merge keys from the Kubernetes API types (`patchMergeKey`), by field and context. */
function mergeKeyFor(path: readonly string[]): string | undefined {
  const field = path[path.length - 1];
  const inContainer = path.some((p) => p === 'containers' || p === 'initContainers' || p === 'ephemeralContainers');
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports':
      if (inContainer) return 'containerPort';
      return path[0] === 'Service' ? 'port' : undefined;
    default:
      return undefined;
  }
}

function mergeObject(target: JsonObject, patch: JsonObject, path: readonly string[]): JsonObject {
  const directive = patch['$patch'];
  if (directive === 'replace') return mergeObject({}, withoutDirective(patch), path);
  if (directive !== undefined && directive !== 'merge') {
    throw new Error(`${path.join('.')}: $patch: ${JSON.stringify(directive)} is not supported here`);
  }
  const result = clone(target);
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (key.startsWith('$')) throw new Error(`${path.join('.')}: directive ${key} is not supported`);
    const here = result[key];
    if (value === null) {
      delete result[key];
    } else if (isObject(value)) {
      if (value['$patch'] === 'delete') delete result[key];
      else result[key] = mergeObject(isObject(here) ? here : {}, value, [...path, key]);
    } else if (Array.isArray(value)) {
      result[key] = mergeList(Array.isArray(here) ? here : [], value, [...path, key]);
    } else {
      result[key] = value;
    }
  }
  return result;
}

function mergeList(target: Json[], patch: Json[], path: readonly string[]): Json[] {
  const replaceMarker = (e: Json): boolean => isObject(e) && e['$patch'] === 'replace' && Object.keys(e).length === 1;
  if (patch.some(replaceMarker)) return mergeList([], patch.filter((e) => !replaceMarker(e)), path);

  const key = mergeKeyFor(path);
  if (key === undefined) {
    return patch.map((e) => (isObject(e) ? mergeObject({}, e, path) : clone(e)));
  }
  const touched = new Set<number>();
  const merged: Json[] = [];
  for (const element of patch) {
    if (!isObject(element)) throw new Error(`${path.join('.')}: elements must be mappings keyed by ${key}`);
    const id = element[key];
    if (id === undefined) throw new Error(`${path.join('.')}: an element lacks its merge key ${key}`);
    const index = target.findIndex((t) => isObject(t) && t[key] === id);
    if (index >= 0) touched.add(index);
    if (element['$patch'] === 'delete') continue;
    const counterpart = index >= 0 ? target[index] : undefined;
    merged.push(mergeObject(isObject(counterpart) ? counterpart : {}, element, path));
  }
  target.forEach((t, i) => {
    if (!touched.has(i)) merged.push(clone(t));
  });
  return merged;
}

function withoutDirective(patch: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(patch).filter(([key]) => key !== '$patch'));
}
