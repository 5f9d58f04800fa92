/**
 * A small, strict subset of `kustomize build`, enough to render k8s/overlays/* without a
 * cluster or a kustomize binary. It supports exactly the fields our kustomizations use
 * and throws on any other field, so a manifest that this renderer cannot honour fails
 * the tests instead of being rendered wrong. Transformers run in kustomize's order:
 * resources, generators, patches, namespace, labels, images; generated ConfigMaps and
 * Secrets get their content-hash suffix once, at the top level, and every reference to
 * them is renamed to match.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { applyJsonPatch, toJsonPatch } from './json-patch';
import { asArray, asString, at, clone, isObject, objectAt, type Json, type JsonObject } from './json';
import { strategicMerge } from './strategic-merge';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'labels',
  'patches',
  'images',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
  'RuntimeClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);
/** Kinds whose pod template is at spec.template (CronJob's is one level deeper). */
const TEMPLATED_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/** A resource while a build is under way; `generated` marks ConfigMaps and Secrets made here. */
interface Entry {
  resource: JsonObject;
  generated?: { hashSuffix: boolean };
}

interface GeneratorOptions {
  disableNameSuffixHash: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** Renders the kustomization in `dir` (a directory holding kustomization.yaml). */
export function kustomizeBuild(dir: string): JsonObject[] {
  const entries = buildDir(resolve(dir));
  return finalize(entries);
}

// ---------------------------------------------------------------------------------------
// One kustomization directory

function buildDir(dir: string): Entry[] {
  const file = KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (file === undefined) throw new Error(`${dir}: no kustomization.yaml`);
  const documents = parseYaml(readFileSync(file, 'utf8'), file);
  const k = documents[0];
  if (documents.length !== 1 || !isObject(k)) throw new Error(`${file}: expected one mapping`);
  for (const field of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(field)) throw new Error(`${file}: field ${field} is not supported by this renderer`);
  }

  const entries: Entry[] = [];
  const add = (entry: Entry): void => {
    const id = idOf(entry.resource);
    if (entries.some((e) => idOf(e.resource) === id)) throw new Error(`${file}: ${id} is defined twice`);
    entries.push(entry);
  };

  for (const ref of asArray(k['resources'], `${file} resources`)) {
    const path = resolve(dir, asString(ref, `${file} resources`));
    if (!existsSync(path)) throw new Error(`${file}: resource ${path} does not exist`);
    if (statSync(path).isDirectory()) buildDir(path).forEach(add);
    else parseYaml(readFileSync(path, 'utf8'), path).forEach((doc) => add({ resource: asResource(doc, path) }));
  }

  const options = generatorOptions(k['generatorOptions'], `${file} generatorOptions`);
  for (const args of asArray(k['configMapGenerator'], `${file} configMapGenerator`)) {
    generate('ConfigMap', args, options, dir, entries, add, file);
  }
  for (const args of asArray(k['secretGenerator'], `${file} secretGenerator`)) {
    generate('Secret', args, options, dir, entries, add, file);
  }

  for (const patch of asArray(k['patches'], `${file} patches`)) applyPatch(patch, dir, entries, file);

  if (k['namespace'] !== undefined) {
    const namespace = asString(k['namespace'], `${file} namespace`);
    for (const { resource } of entries) {
      if (!CLUSTER_SCOPED.has(kindOf(resource))) objectAt(resource, 'metadata', idOf(resource))['namespace'] = namespace;
    }
  }

  for (const labels of asArray(k['labels'], `${file} labels`)) applyLabels(labels, entries, file);
  for (const image of asArray(k['images'], `${file} images`)) applyImage(image, entries, file);
  return entries;
}

function parseYaml(text: string, where: string): Json[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${where}: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    // A JSON round trip both checks that the document is plain data and gives every
    // `*alias` its own copy, so transforming one place never changes another.
    return [JSON.parse(JSON.stringify(value)) as Json];
  });
}

function asResource(doc: Json, where: string): JsonObject {
  if (!isObject(doc)) throw new Error(`${where}: a resource must be a mapping`);
  asString(doc['apiVersion'], `${where} apiVersion`);
  asString(doc['kind'], `${where} kind`);
  asString(at(doc, 'metadata', 'name'), `${where} metadata.name`);
  return doc;
}

export function kindOf(resource: JsonObject): string {
  return asString(resource['kind'], 'kind');
}

export function nameOf(resource: JsonObject): string {
  return asString(at(resource, 'metadata', 'name'), 'metadata.name');
}

function idOf(resource: JsonObject): string {
  const namespace = at(resource, 'metadata', 'namespace');
  return `${kindOf(resource)}/${typeof namespace === 'string' ? `${namespace}/` : ''}${nameOf(resource)}`;
}

function stringMap(value: Json | undefined, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new Error(`${where}: expected a mapping`);
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (typeof v !== 'string') throw new Error(`${where}.${key}: expected a string`);
      return [key, v];
    }),
  );
}

function onlyFields(value: JsonObject, allowed: readonly string[], where: string): void {
  for (const field of Object.keys(value)) {
    if (!allowed.includes(field)) throw new Error(`${where}: field ${field} is not supported by this renderer`);
  }
}

// ---------------------------------------------------------------------------------------
// configMapGenerator / secretGenerator

function generatorOptions(value: Json | undefined, where: string, inherited?: GeneratorOptions): GeneratorOptions {
  const base: GeneratorOptions = inherited ?? { disableNameSuffixHash: false, labels: {}, annotations: {} };
  if (value === undefined) return base;
  if (!isObject(value)) throw new Error(`${where}: expected a mapping`);
  onlyFields(value, ['disableNameSuffixHash', 'labels', 'annotations'], where);
  const disable = value['disableNameSuffixHash'];
  if (disable !== undefined && typeof disable !== 'boolean') throw new Error(`${where}.disableNameSuffixHash: boolean`);
  return {
    disableNameSuffixHash: disable ?? base.disableNameSuffixHash,
    labels: { ...base.labels, ...stringMap(value['labels'], `${where}.labels`) },
    annotations: { ...base.annotations, ...stringMap(value['annotations'], `${where}.annotations`) },
  };
}

/** `KEY=VALUE`, split at the first `=`; surrounding quotes are dropped, as kustomize does. */
function keyValue(source: string, where: string): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new Error(`${where}: ${JSON.stringify(source)} is not KEY=VALUE`);
  const key = source.slice(0, eq);
  let value = source.slice(eq + 1);
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    value = value.slice(1, -1);
  }
  return [key, value];
}

function generatorData(args: JsonObject, dir: string, where: string): Record<string, string> {
  const data: Record<string, string> = {};
  const put = ([key, value]: [string, string]): void => {
    if (key in data) throw new Error(`${where}: key ${key} is given twice`);
    data[key] = value;
  };
  for (const literal of asArray(args['literals'], `${where}.literals`)) {
    put(keyValue(asString(literal, `${where}.literals`), where));
  }
  for (const envFile of asArray(args['envs'], `${where}.envs`)) {
    const path = resolve(dir, asString(envFile, `${where}.envs`));
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      put(keyValue(trimmed, path));
    }
  }
  return data;
}

function generate(
  kind: 'ConfigMap' | 'Secret',
  raw: Json,
  inherited: GeneratorOptions,
  dir: string,
  entries: Entry[],
  add: (entry: Entry) => void,
  file: string,
): void {
  if (!isObject(raw)) throw new Error(`${file}: a generator is a mapping`);
  const name = asString(raw['name'], `${file} generator name`);
  const where = `${file} ${kind} ${name}`;
  onlyFields(raw, ['name', 'behavior', 'literals', 'envs', 'options', ...(kind === 'Secret' ? ['type'] : [])], where);
  const behavior = raw['behavior'] ?? 'create';
  const options = generatorOptions(raw['options'], `${where}.options`, inherited);
  const values = generatorData(raw, dir, where);
  const data = kind === 'Secret' ? mapValues(values, kustomizeBase64) : values;

  if (behavior === 'create') {
    const metadata: JsonObject = { name };
    if (Object.keys(options.labels).length > 0) metadata['labels'] = { ...options.labels };
    if (Object.keys(options.annotations).length > 0) metadata['annotations'] = { ...options.annotations };
    const resource: JsonObject = { apiVersion: 'v1', kind, metadata, data };
    if (kind === 'Secret') resource['type'] = raw['type'] === undefined ? 'Opaque' : asString(raw['type'], where);
    add({ resource, generated: { hashSuffix: !options.disableNameSuffixHash } });
    return;
  }
  if (behavior !== 'merge' && behavior !== 'replace') throw new Error(`${where}: behavior ${JSON.stringify(behavior)}`);
  const existing = entries.find((e) => kindOf(e.resource) === kind && nameOf(e.resource) === name);
  if (existing === undefined) throw new Error(`${where}: behavior ${behavior} needs an existing ${kind} ${name}`);
  const resource = existing.resource;
  const before = at(resource, 'data');
  resource['data'] = behavior === 'merge' && isObject(before) ? { ...before, ...data } : data;
  const metadata = objectAt(resource, 'metadata', where);
  metadata['labels'] = { ...stringMap(metadata['labels'], where), ...options.labels };
  metadata['annotations'] = { ...stringMap(metadata['annotations'], where), ...options.annotations };
  for (const key of ['labels', 'annotations']) {
    if (Object.keys(stringMap(metadata[key], where)).length === 0) delete metadata[key];
  }
}

/**
 * Base64 as kustomize writes Secret data: an encoding of 70 characters or more is cut into
 * lines of 70, each ending in a newline (decoders skip them); shorter ones stay one line.
 */
export function kustomizeBase64(value: string): string {
  const encoded = Buffer.from(value, 'utf8').toString('base64');
  const lineLength = 70;
  if (encoded.length < lineLength) return encoded;
  let wrapped = '';
  for (let i = 0; i < encoded.length; i += lineLength) wrapped += `${encoded.slice(i, i + lineLength)}\n`;
  return wrapped;
}

function mapValues(record: Record<string, string>, f: (v: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

// ---------------------------------------------------------------------------------------
// patches

function applyPatch(raw: Json, dir: string, entries: Entry[], file: string): void {
  if (!isObject(raw)) throw new Error(`${file}: a patch is a mapping`);
  onlyFields(raw, ['path', 'patch', 'target'], `${file} patches`);
  const where = typeof raw['path'] === 'string' ? resolve(dir, raw['path']) : `${file} inline patch`;
  const text =
    typeof raw['path'] === 'string' ? readFileSync(where, 'utf8') : asString(raw['patch'], `${file} patch`);
  const documents = parseYaml(text, where);
  const target = raw['target'] === undefined ? undefined : toTarget(raw['target'], `${where} target`);

  if (documents.length === 1 && Array.isArray(documents[0])) {
    if (target === undefined) throw new Error(`${where}: a JSON 6902 patch needs a target`);
    const operations = toJsonPatch(documents[0], where);
    for (const entry of select(entries, target, where)) entry.resource = applyJsonPatch(entry.resource, operations);
    return;
  }
  for (const document of documents) {
    const patch = asResource(document, where);
    const matches =
      target !== undefined
        ? select(entries, target, where)
        : select(entries, { kind: kindOf(patch), name: escapeRegExp(nameOf(patch)) }, where);
    if (target === undefined && matches.length !== 1) throw new Error(`${where}: no unique target for the patch`);
    for (const entry of matches) {
      const merged = strategicMerge(entry.resource, withoutIdentity(patch), kindOf(entry.resource));
      entry.resource = merged;
    }
  }
}

/** A targeted patch's own apiVersion, kind and name only locate it; they are not merged. */
function withoutIdentity(patch: JsonObject): JsonObject {
  const copy = clone(patch);
  delete copy['apiVersion'];
  delete copy['kind'];
  const metadata = copy['metadata'];
  if (isObject(metadata)) {
    delete metadata['name'];
    delete metadata['namespace'];
    if (Object.keys(metadata).length === 0) delete copy['metadata'];
  }
  return copy;
}

function toTarget(raw: Json, where: string): Target {
  if (!isObject(raw)) throw new Error(`${where}: expected a mapping`);
  const fields = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const;
  onlyFields(raw, fields, where);
  const target: Target = {};
  for (const field of fields) {
    if (raw[field] !== undefined) target[field] = asString(raw[field], `${where}.${field}`);
  }
  return target;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Entries matching a target; kustomize treats group/version/kind/name/namespace as regexes. */
function select(entries: Entry[], target: Target, where: string): Entry[] {
  const full = (pattern: string | undefined, value: string): boolean =>
    pattern === undefined || new RegExp(`^(?:${pattern})$`).test(value);
  const matches = entries.filter(({ resource }) => {
    const apiVersion = asString(resource['apiVersion'], 'apiVersion');
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    const namespace = at(resource, 'metadata', 'namespace');
    return (
      full(target.group, group ?? '') &&
      full(target.version, version ?? '') &&
      full(target.kind, kindOf(resource)) &&
      full(target.name, nameOf(resource)) &&
      full(target.namespace, typeof namespace === 'string' ? namespace : '') &&
      (target.labelSelector === undefined || selectorMatches(target.labelSelector, at(resource, 'metadata', 'labels'))) &&
      (target.annotationSelector === undefined ||
        selectorMatches(target.annotationSelector, at(resource, 'metadata', 'annotations')))
    );
  });
  // Stricter than kustomize, which silently patches nothing: a patch that fits no
  // resource is a mistake in the manifests.
  if (matches.length === 0) throw new Error(`${where}: the patch target matches no resource`);
  return matches;
}

/** Equality-based label selectors: `a=b`, `a==b`, `a!=b`, `a`, `!a`, comma-separated. */
export function selectorMatches(selector: string, labels: Json | undefined): boolean {
  const have = isObject(labels) ? labels : {};
  return selector
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term !== '')
    .every((term) => {
      if (/\s(in|notin)\s/.test(term)) throw new Error(`set-based selector ${term} is not supported`);
      const notEqual = term.indexOf('!=');
      if (notEqual > 0) return have[term.slice(0, notEqual).trim()] !== term.slice(notEqual + 2).trim();
      const equal = term.indexOf('=');
      if (equal > 0) return have[term.slice(0, equal).trim()] === term.slice(equal + 1).replace(/^=/, '').trim();
      if (term.startsWith('!')) return !(term.slice(1) in have);
      return term in have;
    });
}

// ---------------------------------------------------------------------------------------
// labels and images

function applyLabels(raw: Json, entries: Entry[], file: string): void {
  if (!isObject(raw)) throw new Error(`${file}: a labels entry is a mapping`);
  onlyFields(raw, ['pairs', 'includeSelectors', 'includeTemplates'], `${file} labels`);
  if (raw['includeSelectors'] === true) throw new Error(`${file}: labels.includeSelectors is not supported`);
  const pairs = stringMap(raw['pairs'], `${file} labels.pairs`);
  for (const { resource } of entries) {
    const metadata = objectAt(resource, 'metadata', idOf(resource));
    Object.assign(objectAt(metadata, 'labels', idOf(resource)), pairs);
    if (raw['includeTemplates'] !== true) continue;
    const template = podTemplate(resource);
    if (template !== undefined) {
      Object.assign(objectAt(objectAt(template, 'metadata', idOf(resource)), 'labels', idOf(resource)), pairs);
    }
  }
}

function podTemplate(resource: JsonObject): JsonObject | undefined {
  const kind = kindOf(resource);
  const template = TEMPLATED_KINDS.has(kind)
    ? at(resource, 'spec', 'template')
    : kind === 'CronJob'
      ? at(resource, 'spec', 'jobTemplate', 'spec', 'template')
      : undefined;
  return isObject(template) ? template : undefined;
}

/** Every pod spec in a resource: a workload's template, or a Pod's own spec. */
export function podSpecs(resource: JsonObject): JsonObject[] {
  const spec = kindOf(resource) === 'Pod' ? at(resource, 'spec') : at(podTemplate(resource), 'spec');
  return isObject(spec) ? [spec] : [];
}

export function containersOf(podSpec: JsonObject): JsonObject[] {
  return ['initContainers', 'containers'].flatMap((field) =>
    asArray(podSpec[field], field).filter((c): c is JsonObject => isObject(c)),
  );
}

/** Splits `registry/name:tag@digest` into its parts. */
export function parseImage(ref: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest = '', digest] = ref.split('@', 2);
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  return { name, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

function applyImage(raw: Json, entries: Entry[], file: string): void {
  if (!isObject(raw)) throw new Error(`${file}: an images entry is a mapping`);
  onlyFields(raw, ['name', 'newName', 'newTag', 'digest'], `${file} images`);
  const name = asString(raw['name'], `${file} images.name`);
  const text = (v: Json | undefined): string | undefined =>
    v === undefined ? undefined : typeof v === 'number' ? String(v) : asString(v, `${file} images ${name}`);
  const newName = text(raw['newName']);
  const newTag = text(raw['newTag']);
  const digest = text(raw['digest']);
  if (newTag !== undefined && digest !== undefined) throw new Error(`${file}: image ${name} has both newTag and digest`);
  for (const { resource } of entries) {
    for (const container of podSpecs(resource).flatMap(containersOf)) {
      if (typeof container['image'] !== 'string') continue;
      const current = parseImage(container['image']);
      if (current.name !== name) continue;
      const base = newName ?? current.name;
      if (digest !== undefined) container['image'] = `${base}@${digest}`;
      else if (newTag !== undefined) container['image'] = `${base}:${newTag}`;
      else if (current.digest !== undefined) container['image'] = `${base}@${current.digest}`;
      else container['image'] = current.tag === undefined ? base : `${base}:${current.tag}`;
    }
  }
}

// ---------------------------------------------------------------------------------------
// name hashes of generated objects, and the references that follow them

/**
 * kustomize's suffix: the first 10 hex digits of a SHA-256 over the object's JSON, with
 * 0, 1, 3, a, e swapped for consonants. kustomize v5 (checked against v5.5.0) looks the
 * name up by a path that finds nothing, so the name it hashes is always "".
 */
export function nameHash(resource: JsonObject): string {
  const kind = kindOf(resource);
  const fields: JsonObject =
    kind === 'ConfigMap'
      ? { kind, name: '', data: resource['data'] ?? '' }
      : { kind, name: '', data: resource['data'] ?? '', type: resource['type'] ?? '' };
  const binaryData = resource['binaryData'];
  if (kind === 'ConfigMap' && isObject(binaryData)) fields['binaryData'] = binaryData;
  const hex = createHash('sha256').update(goJson(fields)).digest('hex');
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/** JSON as Go's encoding/json writes it: sorted keys, and <, >, & escaped. */
function goJson(value: Json): string {
  const sorted = (v: Json): Json =>
    Array.isArray(v)
      ? v.map(sorted)
      : isObject(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k] ?? null)]))
        : v;
  return JSON.stringify(sorted(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function finalize(entries: Entry[]): JsonObject[] {
  const renamed = new Map<string, string>(); // `${kind}/${old}` -> new name
  for (const entry of entries) {
    if (entry.generated?.hashSuffix !== true) continue;
    const metadata = objectAt(entry.resource, 'metadata', idOf(entry.resource));
    const name = nameOf(entry.resource);
    const next = `${name}-${nameHash(entry.resource)}`;
    renamed.set(`${kindOf(entry.resource)}/${name}`, next);
    metadata['name'] = next;
  }
  const rename = (holder: Json | undefined, field: string, kind: 'ConfigMap' | 'Secret'): void => {
    if (!isObject(holder) || typeof holder[field] !== 'string') return;
    const next = renamed.get(`${kind}/${holder[field]}`);
    if (next !== undefined) holder[field] = next;
  };
  for (const { resource } of entries) {
    for (const spec of podSpecs(resource)) {
      for (const container of containersOf(spec)) {
        for (const env of asArray(container['env'], 'env')) {
          rename(at(env, 'valueFrom', 'configMapKeyRef'), 'name', 'ConfigMap');
          rename(at(env, 'valueFrom', 'secretKeyRef'), 'name', 'Secret');
        }
        for (const from of asArray(container['envFrom'], 'envFrom')) {
          rename(at(from, 'configMapRef'), 'name', 'ConfigMap');
          rename(at(from, 'secretRef'), 'name', 'Secret');
        }
      }
      for (const volume of asArray(spec['volumes'], 'volumes')) {
        rename(at(volume, 'configMap'), 'name', 'ConfigMap');
        rename(at(volume, 'secret'), 'secretName', 'Secret');
        for (const source of asArray(at(volume, 'projected', 'sources'), 'projected.sources')) {
          rename(at(source, 'configMap'), 'name', 'ConfigMap');
          rename(at(source, 'secret'), 'name', 'Secret');
        }
      }
      for (const pullSecret of asArray(spec['imagePullSecrets'], 'imagePullSecrets')) rename(pullSecret, 'name', 'Secret');
    }
    if (kindOf(resource) === 'Ingress') {
      for (const tls of asArray(at(resource, 'spec', 'tls'), 'tls')) rename(tls, 'secretName', 'Secret');
    }
  }
  return entries.map((e) => e.resource);
}
