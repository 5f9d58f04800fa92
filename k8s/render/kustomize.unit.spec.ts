/**
 * The kustomize subset behaves as kustomize does. Expected values marked "kustomize v5.5.0"
 * were produced by `kubectl kustomize` (kustomize v5.5.0) on the same input.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { applyJsonPatch, toJsonPatch } from './json-patch';
import { at, type JsonObject } from './json';
import { kustomizeBase64, kustomizeBuild, nameHash, parseImage, selectorMatches } from './kustomize';
import { strategicMerge } from './strategic-merge';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kustomize-subset-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function files(tree: Record<string, string>): void {
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function find(objects: JsonObject[], kind: string, namePrefix: string): JsonObject {
  const found = objects.find((o) => o['kind'] === kind && String(at(o, 'metadata', 'name')).startsWith(namePrefix));
  if (found === undefined) throw new Error(`no ${kind} ${namePrefix}*`);
  return found;
}

const JOB = `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      initContainers:
        - name: a
          image: cs-platform
          securityContext: &sc {allowPrivilegeEscalation: false}
          envFrom: [{configMapRef: {name: intake-config}}]
          env: [{name: URL, valueFrom: {secretKeyRef: {name: intake-db, key: DATABASE_URL}}}]
      containers:
        - name: c
          image: registry.local:5000/cs-platform:old
          securityContext: *sc
`;

describe('generators', () => {
  it('names generated ConfigMaps and Secrets with kustomize hashes and renames every reference', () => {
    // Given a base generating a ConfigMap and an overlay merging into it and adding a Secret
    files({
      'base/kustomization.yaml': `resources: [job.yaml]
labels: [{pairs: {app.kubernetes.io/part-of: cs}, includeTemplates: true}]
configMapGenerator: [{name: intake-config, literals: [PORT=3001, DATABASE_SCHEMA=intake]}]
`,
      'base/job.yaml': JOB,
      'overlay/kustomization.yaml': `resources: [../base]
namespace: cs
configMapGenerator: [{name: intake-config, behavior: merge, literals: [LOG_LEVEL=debug]}]
secretGenerator: [{name: intake-db, literals: ["DATABASE_URL=postgres://intake:dev@postgres:5432/cs"]}]
`,
    });
    // When both are rendered
    const base = kustomizeBuild(join(root, 'base'));
    const overlay = kustomizeBuild(join(root, 'overlay'));

    // Then the names carry kustomize v5.5.0's hashes of the final content
    expect(find(base, 'ConfigMap', 'intake-config')['metadata']).toEqual({
      name: 'intake-config-9496chmf5k',
      labels: { 'app.kubernetes.io/part-of': 'cs' },
    });
    expect(at(find(overlay, 'ConfigMap', 'intake-config'), 'metadata', 'name')).toBe('intake-config-86f4km9742');
    expect(at(find(overlay, 'ConfigMap', 'intake-config'), 'data')).toEqual({
      PORT: '3001',
      DATABASE_SCHEMA: 'intake',
      LOG_LEVEL: 'debug',
    });
    const secret = find(overlay, 'Secret', 'intake-db');
    expect(at(secret, 'metadata', 'name')).toBe('intake-db-gcm79dgf6f');
    expect(at(secret, 'type')).toBe('Opaque');

    // And the Job refers to the renamed objects, in the overlay's namespace
    const job = find(overlay, 'Job', 'j');
    const init = at(job, 'spec', 'template', 'spec', 'initContainers', 0);
    expect(at(init, 'envFrom', 0, 'configMapRef', 'name')).toBe('intake-config-86f4km9742');
    expect(at(init, 'env', 0, 'valueFrom', 'secretKeyRef', 'name')).toBe('intake-db-gcm79dgf6f');
    expect(at(job, 'metadata', 'namespace')).toBe('cs');
    expect(at(job, 'spec', 'template', 'metadata', 'labels')).toEqual({ 'app.kubernetes.io/part-of': 'cs' });
    // And an alias does not tie two places together once one of them is transformed
    expect(at(init, 'securityContext')).toEqual({ allowPrivilegeEscalation: false });
  });

  it('hashes Go-style JSON, so values with & < > hash as kustomize does', () => {
    // kustomize v5.5.0: literal Q=a&b<c>d -> q-2k27bt68g8
    const cm: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'q' }, data: { Q: 'a&b<c>d' } };
    expect(nameHash(cm)).toBe('2k27bt68g8');
  });

  it('wraps long Secret values at 70 base64 characters, as kustomize does', () => {
    const value = 'postgres://postgres:postgres-dev@postgres.cs-data.svc.cluster.local:5432/cs';
    const encoded = kustomizeBase64(value);
    expect(encoded.split('\n').map((line) => line.length)).toEqual([70, 30, 0]);
    expect(Buffer.from(encoded.replace(/\n/g, ''), 'base64').toString('utf8')).toBe(value);
    expect(kustomizeBase64('short')).toBe(Buffer.from('short').toString('base64'));
  });

  it('refuses to merge into a ConfigMap that does not exist', () => {
    files({
      'k/kustomization.yaml': `configMapGenerator: [{name: missing, behavior: merge, literals: [A=1]}]\n`,
    });
    expect(() => kustomizeBuild(join(root, 'k'))).toThrow(/needs an existing ConfigMap missing/);
  });
});

describe('strategic merge', () => {
  const target: JsonObject = {
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'a',
              image: 'x',
              args: ['old'],
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
                { name: 'D', value: '4' },
              ],
              ports: [{ containerPort: 80, name: 'http' }],
              resources: { limits: { cpu: '1', memory: '1Gi' } },
            },
            { name: 'b', image: 'y' },
          ],
        },
      },
    },
  };

  it('merges keyed lists element by element in kustomize order, honouring $patch: delete', () => {
    // Given a patch adding a container, merging env by name and deleting one variable
    const patch: JsonObject = {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'c', image: 'z' },
              {
                name: 'a',
                env: [
                  { name: 'C', value: '3' },
                  { name: 'B', value: '22' },
                  { name: 'E', value: '5' },
                  { name: 'D', $patch: 'delete' },
                ],
                args: ['new'],
              },
            ],
          },
        },
      },
    };
    // When merged, Then the result is what kustomize v5.5.0 produced for the same input
    const merged = strategicMerge(target, patch, 'Deployment');
    const containers = at(merged, 'spec', 'template', 'spec', 'containers');
    expect(containers).toEqual([
      { name: 'c', image: 'z' },
      {
        name: 'a',
        image: 'x',
        args: ['new'],
        env: [
          { name: 'C', value: '3' },
          { name: 'B', value: '22' },
          { name: 'E', value: '5' },
          { name: 'A', value: '1' },
        ],
        ports: [{ containerPort: 80, name: 'http' }],
        resources: { limits: { cpu: '1', memory: '1Gi' } },
      },
      { name: 'b', image: 'y' },
    ]);
    // And the target itself is left alone
    expect(at(target, 'spec', 'template', 'spec', 'containers', 0, 'args')).toEqual(['old']);
  });

  it('deletes keys set to null and replaces a mapping marked $patch: replace', () => {
    const patch: JsonObject = {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'a', image: null, resources: { $patch: 'replace', requests: { cpu: '100m' } } }],
          },
        },
      },
    };
    const a = at(strategicMerge(target, patch, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0);
    expect(at(a, 'image')).toBeUndefined();
    expect(at(a, 'resources')).toEqual({ requests: { cpu: '100m' } });
  });

  it('rejects directives it does not implement', () => {
    expect(() => strategicMerge(target, { spec: { $retainKeys: ['a'] } }, 'Deployment')).toThrow(/not supported/);
  });
});

describe('JSON 6902', () => {
  const ingress: JsonObject = { spec: { rules: [{ http: { paths: [{ path: '/a' }] } }] } };

  it('adds, replaces and removes at object keys and array positions', () => {
    const operations = toJsonPatch(
      [
        { op: 'add', path: '/spec/rules/0/host', value: 'api.example.com' },
        { op: 'add', path: '/spec/rules/0/http/paths/-', value: { path: '/c' } },
        { op: 'add', path: '/spec/rules/0/http/paths/1', value: { path: '/b' } },
        { op: 'replace', path: '/spec/rules/0/http/paths/0/path', value: '/a2' },
        { op: 'test', path: '/spec/rules/0/host', value: 'api.example.com' },
        { op: 'add', path: '/spec/tls', value: [{ secretName: 'x~y/z' }] },
        { op: 'remove', path: '/spec/tls/0/secretName' },
      ],
      'test',
    );
    expect(applyJsonPatch(ingress, operations)).toEqual({
      spec: {
        rules: [{ host: 'api.example.com', http: { paths: [{ path: '/a2' }, { path: '/b' }, { path: '/c' }] } }],
        tls: [{}],
      },
    });
  });

  it('fails on a failed test, a missing parent or an index out of range', () => {
    expect(() => applyJsonPatch(ingress, [{ op: 'test', path: '/spec/rules/0/http/paths/0/path', value: '/b' }])).toThrow(
      /test failed/,
    );
    expect(() => applyJsonPatch(ingress, [{ op: 'add', path: '/spec/missing/x', value: 1 }])).toThrow(/does not exist/);
    expect(() => applyJsonPatch(ingress, [{ op: 'replace', path: '/spec/rules/3', value: {} }])).toThrow(/out of range/);
    expect(() => toJsonPatch([{ op: 'move', from: '/a', path: '/b' }], 'test')).toThrow(/not supported/);
  });
});

describe('kustomization handling', () => {
  it('applies a targeted patch to every resource its label selector picks, and only those', () => {
    files({
      'k/kustomization.yaml': `resources: [d.yaml]
patches:
  - target: {kind: Deployment, labelSelector: "tier=api,team!=other"}
    patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: ignored}
      spec: {replicas: 3}
`,
      'k/d.yaml': ['api', 'other', 'worker']
        .map(
          (n) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${n}, labels: {tier: ${n === 'worker' ? 'worker' : 'api'}, team: ${n === 'other' ? 'other' : 'core'}}}
spec: {}
`,
        )
        .join('---\n'),
    });
    const replicas = Object.fromEntries(
      kustomizeBuild(join(root, 'k')).map((o) => [at(o, 'metadata', 'name'), at(o, 'spec', 'replicas')]),
    );
    expect(replicas).toEqual({ api: 3, other: undefined, worker: undefined });
  });

  it('sets images by name, keeping registries with ports apart from tags', () => {
    files({
      'k/kustomization.yaml': `resources: [job.yaml]
images:
  - {name: cs-platform, newName: registry.example.com/cs/cs-platform, newTag: "1.2.3"}
  - {name: registry.local:5000/cs-platform, digest: "sha256:${'a'.repeat(64)}"}
`,
      'k/job.yaml': JOB,
    });
    const spec = at(find(kustomizeBuild(join(root, 'k')), 'Job', 'j'), 'spec', 'template', 'spec');
    expect(at(spec, 'initContainers', 0, 'image')).toBe('registry.example.com/cs/cs-platform:1.2.3');
    expect(at(spec, 'containers', 0, 'image')).toBe(`registry.local:5000/cs-platform@sha256:${'a'.repeat(64)}`);
    expect(parseImage('registry.local:5000/a/b:1.0')).toEqual({ name: 'registry.local:5000/a/b', tag: '1.0' });
    expect(parseImage('b')).toEqual({ name: 'b' });
  });

  it('leaves cluster-scoped objects out of the namespace', () => {
    files({
      'k/kustomization.yaml': 'namespace: cs\nresources: [ns.yaml]\n',
      'k/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: cs}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n',
    });
    const objects = kustomizeBuild(join(root, 'k'));
    expect(objects.map((o) => at(o, 'metadata', 'namespace'))).toEqual([undefined, 'cs']);
  });

  it('throws on fields it does not implement, patches that fit nothing, and duplicate objects', () => {
    files({
      'prefix/kustomization.yaml': 'namePrefix: x-\n',
      'nomatch/kustomization.yaml': `resources: [../prefix/../job/job.yaml]
patches: [{target: {kind: Deployment}, patch: "[{op: add, path: /x, value: 1}]"}]
`,
      'job/job.yaml': JOB,
      'dup/kustomization.yaml': 'resources: [../job/job.yaml, ../job/job.yaml]\n',
    });
    expect(() => kustomizeBuild(join(root, 'prefix'))).toThrow(/namePrefix is not supported/);
    expect(() => kustomizeBuild(join(root, 'nomatch'))).toThrow(/matches no resource/);
    expect(() => kustomizeBuild(join(root, 'dup'))).toThrow(/defined twice/);
  });

  it('matches equality label selectors', () => {
    const labels = { tier: 'api', team: 'core' };
    expect(selectorMatches('tier=api', labels)).toBe(true);
    expect(selectorMatches('tier==api,team!=core', labels)).toBe(false);
    expect(selectorMatches('team,!owner', labels)).toBe(true);
    expect(() => selectorMatches('tier in (api)', labels)).toThrow(/not supported/);
  });
});
