/**
 * Offline checks of the Kubernetes manifests: each overlay is rendered by the kustomize
 * subset in ./render (no cluster, no binary) and the result is held to the deployment
 * contract in docs/deployment.md. Where a kustomize or kubectl binary happens to be on
 * PATH, the renderer's output is also compared with the real thing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isObject, type Json, type JsonObject } from './render/json';
import {
  ofKind,
  quantity,
  selects,
  type Container,
  type Deployment,
  type Labels,
  type NetworkPolicy,
  type NetworkPolicyPort,
  type PodSpec,
  type PodTemplate,
} from './render/k8s';
import { kindOf, kustomizeBuild, nameOf, parseImage } from './render/kustomize';

const REPO = join(__dirname, '..');
const OVERLAYS = ['dev', 'prod'] as const;
type Overlay = (typeof OVERLAYS)[number];

/** The services and the port each listens on (the contract with apps/). */
const SERVICES = { intake: 3001, tickets: 3002, callbacks: 3003, knowledge: 3004, reporting: 3005, notifications: 3006 } as const;
type ServiceName = keyof typeof SERVICES;
const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

/** The public route table: path prefix -> owning service. */
const ROUTES: Record<string, ServiceName> = {
  '/v1/contacts': 'intake',
  '/v1/customers': 'intake',
  '/v1/inbound': 'intake',
  '/v1/pii-access-log': 'intake',
  '/v1/projects': 'intake',
  '/v1/tickets': 'tickets',
  '/v1/catalogue': 'tickets',
  '/v1/calendars': 'tickets',
  '/v1/sla-policies': 'tickets',
  '/v1/callbacks': 'callbacks',
  '/v1/answers': 'knowledge',
  '/v1/suggestions': 'knowledge',
  '/v1/gaps': 'knowledge',
  '/v1/synonyms': 'knowledge',
  '/v1/change-notices': 'knowledge',
  '/v1/knowledge': 'knowledge',
  '/v1/reports': 'reporting',
  '/v1/notifications': 'notifications',
  '/v1/webhook-subscriptions': 'notifications',
};

/**
 * Secrets an overlay references but does not define: the operator creates them, and
 * docs/deployment.md lists every one with its keys. Dev generates all of its own.
 */
const EXTERNAL_SECRETS: Record<Overlay, Record<string, string[]>> = {
  dev: {},
  prod: {
    'db-admin': ['DATABASE_ADMIN_URL'],
    ...Object.fromEntries(SERVICE_NAMES.map((s) => [`${s}-db`, ['DATABASE_URL', 'DATABASE_PASSWORD']])),
    'cs-api-tls': ['tls.crt', 'tls.key'],
    'intake-pii': [
      'PII_ENCRYPTION_KEYS',
      'PII_ACTIVE_KEY_ID',
      'PII_BLIND_INDEX_KEY',
      ...['EMAIL', 'SMS', 'WECHAT', 'QQ', 'WEB_CHAT', 'SOCIAL'].map((c) => `WEBHOOK_SECRET_${c}`),
    ],
  },
};

const NAMESPACES: Record<Overlay, string> = { dev: 'cs-dev', prod: 'cs' };

/** How long a service may take to drain after SIGTERM (libs/platform's shutdown timer). */
const SHUTDOWN_BOUND_SECONDS = 25;

/** Environment every service reads (docs/deployment.md, "Configuration"). */
const REQUIRED_ENV = [
  'SERVICE',
  'HOST',
  'PORT',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'KAFKA_BROKERS',
  'REDIS_URL',
  'AUTH_MODE',
  'JWT_JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'LOG_LEVEL',
  'NODE_ENV',
];

// ---------------------------------------------------------------------------------------
// helpers over a rendered overlay

interface Pod {
  owner: string;
  template: PodTemplate;
}

function pods(objects: readonly JsonObject[]): Pod[] {
  return [
    ...ofKind(objects, 'Deployment').map((d) => ({ owner: `Deployment/${d.metadata.name}`, template: d.spec.template })),
    ...ofKind(objects, 'Job').map((j) => ({ owner: `Job/${j.metadata.name}`, template: j.spec.template })),
  ];
}

function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

function deployment(objects: readonly JsonObject[], name: string): Deployment {
  const found = ofKind(objects, 'Deployment').find((d) => d.metadata.name === name);
  if (found === undefined) throw new Error(`no Deployment ${name}`);
  return found;
}

function appContainer(d: Deployment): Container {
  const found = d.spec.template.spec.containers.find((c) => c.name === 'app');
  if (found === undefined) throw new Error(`Deployment ${d.metadata.name} has no container "app"`);
  return found;
}

function httpPort(container: Container): number {
  const port = container.ports?.find((p) => p.name === 'http');
  if (port === undefined) throw new Error(`container ${container.name} declares no port named http`);
  return port.containerPort;
}

/** A probe's or policy's port, named or numbered, as the container port it means. */
function resolvePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/**
 * The environment a container starts with: ConfigMap values as they are, values from
 * Secrets as `secret:<name>/<key>` (we check where they come from, not what they hold).
 */
function resolvedEnv(objects: readonly JsonObject[], container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef !== undefined) {
      const name = from.configMapRef.name;
      const cm = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name === name);
      if (cm === undefined) throw new Error(`envFrom ConfigMap ${name} is not defined`);
      Object.assign(env, cm.data ?? {});
    }
  }
  for (const variable of container.env ?? []) {
    const secret = variable.valueFrom?.secretKeyRef;
    env[variable.name] =
      variable.value ?? (secret === undefined ? 'unresolved' : `secret:${secret.name.replace(/-[a-z0-9]{10}$/, '')}/${secret.key}`);
  }
  return env;
}

interface Reference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  key?: string;
  from: string;
}

function references(objects: readonly JsonObject[]): Reference[] {
  const refs: Reference[] = [];
  for (const { owner, template } of pods(objects)) {
    for (const container of allContainers(template.spec)) {
      const from = `${owner} ${container.name}`;
      for (const variable of container.env ?? []) {
        const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
        if (secretKeyRef !== undefined) refs.push({ kind: 'Secret', ...secretKeyRef, from });
        if (configMapKeyRef !== undefined) refs.push({ kind: 'ConfigMap', ...configMapKeyRef, from });
      }
      for (const source of container.envFrom ?? []) {
        if (source.secretRef !== undefined) refs.push({ kind: 'Secret', name: source.secretRef.name, from });
        if (source.configMapRef !== undefined) refs.push({ kind: 'ConfigMap', name: source.configMapRef.name, from });
      }
    }
    for (const volume of template.spec.volumes ?? []) {
      if (volume.secret !== undefined) refs.push({ kind: 'Secret', name: volume.secret.secretName, from: owner });
      if (volume.configMap !== undefined) refs.push({ kind: 'ConfigMap', name: volume.configMap.name, from: owner });
    }
  }
  for (const ingress of ofKind(objects, 'Ingress')) {
    for (const tls of ingress.spec.tls ?? []) {
      if (tls.secretName !== undefined) {
        refs.push({ kind: 'Secret', name: tls.secretName, from: `Ingress/${ingress.metadata.name}` });
      }
    }
  }
  return refs;
}

function policiesFor(objects: readonly JsonObject[], labels: Labels | undefined, type: 'Ingress' | 'Egress'): NetworkPolicy[] {
  return ofKind(objects, 'NetworkPolicy').filter(
    (p) => selects(p.spec.podSelector, labels) && (p.spec.policyTypes ?? ['Ingress']).includes(type),
  );
}

function portKey(port: NetworkPolicyPort, container?: Container): string {
  const number = container === undefined ? port.port : resolvePort(port.port, container);
  return `${port.protocol ?? 'TCP'}/${String(number)}`;
}

/** Egress a pod is allowed, as `PROTOCOL/port`; `*` when some rule leaves ports open. */
function allowedEgress(objects: readonly JsonObject[], labels: Labels | undefined): Set<string> {
  const allowed = new Set<string>();
  for (const policy of policiesFor(objects, labels, 'Egress')) {
    for (const rule of policy.spec.egress ?? []) {
      if (rule.ports === undefined || rule.ports.length === 0) allowed.add('*');
      for (const port of rule.ports ?? []) allowed.add(portKey(port));
    }
  }
  return allowed;
}

// ---------------------------------------------------------------------------------------

describe.each(OVERLAYS)('the %s overlay', (overlay) => {
  let objects: JsonObject[];
  const namespace = NAMESPACES[overlay];

  beforeAll(() => {
    objects = kustomizeBuild(join(__dirname, 'overlays', overlay));
  });

  it('runs exactly the six services, each as a Deployment of its own', () => {
    const names = ofKind(objects, 'Deployment').map((d) => d.metadata.name);
    expect(names.sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it('starts each service with its name, port and schema, and its database URL from its own Secret', () => {
    for (const service of SERVICE_NAMES) {
      const d = deployment(objects, service);
      const app = appContainer(d);
      const env = resolvedEnv(objects, app);
      for (const name of REQUIRED_ENV) expect({ service, name, set: name in env }).toEqual({ service, name, set: true });
      expect(env['SERVICE']).toBe(service);
      expect(env['PORT']).toBe(String(SERVICES[service]));
      expect(httpPort(app)).toBe(SERVICES[service]);
      expect(env['DATABASE_SCHEMA']).toBe(service);
      expect(env['DATABASE_URL']).toBe(`secret:${service}-db/DATABASE_URL`);
      // Outside production the services bind 127.0.0.1 unless told otherwise.
      expect(env['HOST']).toBe('0.0.0.0');
      // The services refuse HS256 tokens when NODE_ENV=production.
      if (env['AUTH_MODE'] === 'hs256') expect(env['NODE_ENV']).not.toBe('production');
      // The image's default command picks the service; nothing overrides it per Deployment.
      expect(app.command).toBeUndefined();
      expect(app.args).toBeUndefined();
    }
  });

  it('keeps secrets out of ConfigMaps', () => {
    for (const cm of ofKind(objects, 'ConfigMap')) {
      const suspicious = Object.keys(cm.data ?? {}).filter((key) => /PASSWORD|SECRET|TOKEN|PRIVATE/i.test(key));
      expect({ configMap: cm.metadata.name, suspicious }).toEqual({ configMap: cm.metadata.name, suspicious: [] });
      for (const [key, value] of Object.entries(cm.data ?? {})) {
        // A URL with credentials (scheme://user:password@host) belongs in a Secret.
        expect({ key, credentialsInUrl: /:\/\/[^/@\s]+:[^/@\s]+@/.test(value) }).toEqual({ key, credentialsInUrl: false });
      }
    }
  });

  it('probes every service: startup and liveness on /health/live, readiness on /health/ready, at its port', () => {
    for (const service of SERVICE_NAMES) {
      const app = appContainer(deployment(objects, service));
      const probes = {
        startup: app.startupProbe?.httpGet,
        liveness: app.livenessProbe?.httpGet,
        readiness: app.readinessProbe?.httpGet,
      };
      expect({ service, paths: [probes.startup?.path, probes.liveness?.path, probes.readiness?.path] }).toEqual({
        service,
        paths: ['/health/live', '/health/live', '/health/ready'],
      });
      for (const probe of Object.values(probes)) {
        expect(resolvePort(probe?.port, app)).toBe(SERVICES[service]);
      }
      // The startup probe must give a slow boot (migrations checked, Kafka joined) time.
      const startup = app.startupProbe;
      expect((startup?.periodSeconds ?? 10) * (startup?.failureThreshold ?? 3)).toBeGreaterThanOrEqual(60);
    }
  });

  it('drains on shutdown: a short preStop sleep well inside the termination grace period', () => {
    for (const d of ofKind(objects, 'Deployment')) {
      const spec = d.spec.template.spec;
      const preStop = appContainer(d).lifecycle?.preStop;
      const sleepSeconds = preStop?.sleep?.seconds ?? Number(preStop?.exec?.command.at(-1));
      expect(preStop?.exec?.command[0] ?? 'sleep').toBe('sleep');
      expect(sleepSeconds).toBeGreaterThan(0);
      expect(sleepSeconds).toBeLessThanOrEqual(10);
      // After SIGTERM a service takes up to SHUTDOWN_BOUND_SECONDS before it forces its exit.
      expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(sleepSeconds + SHUTDOWN_BOUND_SECONDS);
    }
  });

  it('sets CPU and memory requests and limits on every container, limits not below requests', () => {
    const all = pods(objects).flatMap(({ owner, template }) => allContainers(template.spec).map((c) => ({ owner, c })));
    expect(all.length).toBeGreaterThanOrEqual(SERVICE_NAMES.length + 7);
    for (const { owner, c } of all) {
      for (const resource of ['cpu', 'memory']) {
        const request = c.resources?.requests?.[resource];
        const limit = c.resources?.limits?.[resource];
        expect({ owner, container: c.name, resource, request: request !== undefined, limit: limit !== undefined }).toEqual({
          owner,
          container: c.name,
          resource,
          request: true,
          limit: true,
        });
        expect(quantity(limit ?? 0)).toBeGreaterThanOrEqual(quantity(request ?? Infinity));
      }
    }
  });

  it('runs every pod as non-root, read-only, without privileges or a service-account token', () => {
    const accounts = ofKind(objects, 'ServiceAccount');
    for (const { owner, template } of pods(objects)) {
      const spec = template.spec;
      expect({ owner, runAsNonRoot: spec.securityContext?.runAsNonRoot }).toEqual({ owner, runAsNonRoot: true });
      expect(spec.securityContext?.runAsUser).toBe(10001);
      expect(spec.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect([spec.hostNetwork, spec.hostPID, spec.hostIPC].some((v) => v === true)).toBe(false);
      expect(spec.automountServiceAccountToken).toBe(false);
      const account = accounts.find((a) => a.metadata.name === spec.serviceAccountName);
      expect({ owner, account: account?.metadata.name, automount: account?.automountServiceAccountToken }).toEqual({
        owner,
        account: 'cs-platform',
        automount: false,
      });
      const tmp = spec.volumes?.find((v) => v.emptyDir !== undefined);
      expect(tmp).toBeDefined();
      for (const c of allContainers(spec)) {
        const sc = c.securityContext;
        const where = `${owner} ${c.name}`;
        const actual = {
          allowPrivilegeEscalation: sc?.allowPrivilegeEscalation,
          readOnlyRootFilesystem: sc?.readOnlyRootFilesystem,
          dropsAll: sc?.capabilities?.drop?.includes('ALL') ?? false,
          adds: sc?.capabilities?.add ?? [],
          privileged: sc?.privileged ?? false,
        };
        expect({ where, ...actual }).toEqual({
          where,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          dropsAll: true,
          adds: [],
          privileged: false,
        });
        expect(sc?.runAsUser ?? spec.securityContext?.runAsUser).not.toBe(0);
        // A writable /tmp on an emptyDir, since the root filesystem is read-only.
        const mount = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect({ where, tmpVolume: mount?.name }).toEqual({ where, tmpVolume: tmp?.name });
      }
    }
  });

  it('gives every Deployment a Service, an HPA and a PDB that select exactly its pods', () => {
    const deployments = ofKind(objects, 'Deployment');
    for (const d of deployments) {
      const name = d.metadata.name;
      const podLabels = d.spec.template.metadata?.labels;
      const others = deployments.filter((o) => o !== d).map((o) => o.spec.template.metadata?.labels);
      expect(Object.keys(d.spec.selector.matchLabels ?? {}).length).toBeGreaterThan(0);
      expect(selects(d.spec.selector, podLabels)).toBe(true);

      const services = ofKind(objects, 'Service').filter((s) => selects({ matchLabels: s.spec.selector }, podLabels));
      expect(services.map((s) => s.metadata.name)).toEqual([name]);
      const service = services[0];
      expect(Object.keys(service?.spec.selector ?? {}).length).toBeGreaterThan(0);
      expect(others.some((labels) => selects({ matchLabels: service?.spec.selector }, labels))).toBe(false);
      const port = service?.spec.ports.find((p) => p.port === SERVICES[name as ServiceName]);
      expect(resolvePort(port?.targetPort, appContainer(d))).toBe(SERVICES[name as ServiceName]);

      const hpas = ofKind(objects, 'HorizontalPodAutoscaler').filter(
        (h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === name,
      );
      expect(hpas).toHaveLength(1);
      const hpa = hpas[0];
      expect(hpa?.apiVersion).toBe('autoscaling/v2');
      expect(hpa?.spec.metrics?.some((m) => m.type === 'Resource' && m.resource?.name === 'cpu')).toBe(true);
      expect(hpa?.spec.minReplicas ?? 1).toBeLessThanOrEqual(hpa?.spec.maxReplicas ?? 0);

      const pdbs = ofKind(objects, 'PodDisruptionBudget').filter((p) => selects(p.spec.selector, podLabels));
      expect(pdbs).toHaveLength(1);
      const pdb = pdbs[0];
      expect(Object.keys(pdb?.spec.selector.matchLabels ?? {}).length).toBeGreaterThan(0);
      expect(others.some((labels) => selects(pdb?.spec.selector, labels))).toBe(false);
      // maxUnavailable keeps a one-replica install drainable; minAvailable would block it.
      expect(pdb?.spec.maxUnavailable).toBe(1);
      expect(pdb?.spec.minAvailable).toBeUndefined();
    }
  });

  it('resolves every Secret and ConfigMap reference inside the overlay or to a documented external Secret', () => {
    const refs = references(objects);
    expect(refs.length).toBeGreaterThan(0);
    const external = EXTERNAL_SECRETS[overlay];
    for (const ref of refs) {
      const defined = ofKind(objects, ref.kind).find((o) => o.metadata.name === ref.name);
      if (defined !== undefined) {
        const keys = Object.keys(defined.data ?? {});
        expect({ ref, keyPresent: ref.key === undefined || keys.includes(ref.key) }).toEqual({ ref, keyPresent: true });
        continue;
      }
      const externalKeys = ref.kind === 'Secret' ? external[ref.name] : undefined;
      expect({ ref, external: externalKeys !== undefined }).toEqual({ ref, external: true });
      if (ref.key !== undefined) expect(externalKeys).toContain(ref.key);
    }
    // The external list is exact: nothing listed that nothing uses.
    for (const name of Object.keys(external)) {
      expect({ name, used: refs.some((r) => r.kind === 'Secret' && r.name === name) }).toEqual({ name, used: true });
    }
  });

  it('routes each public path prefix to the owning service and its port, and nothing else', () => {
    const ingresses = ofKind(objects, 'Ingress');
    expect(ingresses).toHaveLength(1);
    const paths = ingresses.flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths));
    const table = Object.fromEntries(
      paths.map((p) => [p.path, { service: p.backend.service?.name, port: p.backend.service?.port.number, type: p.pathType }]),
    );
    const expected = Object.fromEntries(
      Object.entries(ROUTES).map(([path, service]) => [path, { service, port: SERVICES[service], type: 'Prefix' }]),
    );
    expect(table).toEqual(expected);
    expect(paths).toHaveLength(Object.keys(ROUTES).length);
    for (const { service, port } of Object.values(table)) {
      const target = ofKind(objects, 'Service').find((s) => s.metadata.name === service);
      expect(target?.spec.ports.map((p) => p.port)).toContain(port);
    }
  });

  it('denies all traffic by default in the namespace', () => {
    const denyAll = ofKind(objects, 'NetworkPolicy').filter(
      (p) =>
        Object.keys(p.spec.podSelector.matchLabels ?? {}).length === 0 &&
        p.spec.podSelector.matchExpressions === undefined &&
        (p.spec.ingress ?? []).length === 0 &&
        (p.spec.egress ?? []).length === 0,
    );
    expect(denyAll).toHaveLength(1);
    expect(denyAll[0]?.spec.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
  });

  it('admits the ingress controller to each service on its own port, and never one service to another', () => {
    for (const d of ofKind(objects, 'Deployment')) {
      const labels = d.spec.template.metadata?.labels;
      const app = appContainer(d);
      const rules = policiesFor(objects, labels, 'Ingress').flatMap((p) => p.spec.ingress ?? []);
      const fromIngressController = rules.some((rule) =>
        (rule.from ?? []).some(
          (peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx',
        ),
      );
      expect({ service: d.metadata.name, fromIngressController }).toEqual({ service: d.metadata.name, fromIngressController: true });
      for (const rule of rules) {
        // Every rule names its ports, and they resolve to this service's own port only.
        expect((rule.ports ?? []).length).toBeGreaterThan(0);
        for (const port of rule.ports ?? []) expect(resolvePort(port.port, app)).toBe(httpPort(app));
        // Every source is another namespace: a bare podSelector, or a namespaceSelector that
        // could match this namespace, would let pods of this platform in.
        expect((rule.from ?? []).length).toBeGreaterThan(0);
        for (const peer of rule.from ?? []) {
          const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
          expect({ peer, otherNamespace: ns !== undefined && ns !== namespace }).toEqual({ peer, otherNamespace: true });
        }
      }
      const egress = allowedEgress(objects, labels);
      for (const port of Object.values(SERVICES)) expect(egress.has(`TCP/${port}`)).toBe(false);
      expect(egress.has('*')).toBe(false);
    }
  });

  it('lets the services reach Postgres, Kafka, Redis and DNS, and the migration Job only Postgres and DNS', () => {
    for (const d of ofKind(objects, 'Deployment')) {
      const egress = allowedEgress(objects, d.spec.template.metadata?.labels);
      expect([...egress]).toEqual(expect.arrayContaining(['TCP/5432', 'TCP/9092', 'TCP/6379', 'UDP/53', 'TCP/53']));
    }
    const job = ofKind(objects, 'Job')[0];
    const jobEgress = allowedEgress(objects, job?.spec.template.metadata?.labels);
    expect([...jobEgress].sort()).toEqual(['TCP/53', 'TCP/5432', 'UDP/53']);
  });

  it('migrates with one Job: provisioning first, then each service as its own role', () => {
    const jobs = ofKind(objects, 'Job');
    expect(jobs.map((j) => j.metadata.name)).toEqual(['db-migrate']);
    const job = jobs[0];
    if (job === undefined) throw new Error('no migration Job');
    expect(job.spec.backoffLimit).toBeGreaterThanOrEqual(0);
    expect(job.spec.backoffLimit).toBeLessThanOrEqual(3);
    expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    const spec = job.spec.template.spec;
    expect(spec.restartPolicy).toBe('Never');

    // Init containers run one after another, each only once the previous one succeeded.
    const steps = (spec.initContainers ?? []).map((c) => ({ name: c.name, command: c.command?.join(' ') }));
    expect(steps).toEqual([
      { name: 'provision', command: 'node dist/libs/persistence/src/cli/provision.js' },
      ...SERVICE_NAMES.map((s) => ({ name: `migrate-${s}`, command: `node dist/apps/${s}/src/migrate.js` })),
    ]);
    // The regular container runs last and migrates nothing.
    expect(spec.containers.every((c) => !(c.command ?? []).join(' ').match(/migrate\.js|provision\.js/))).toBe(true);

    const [provision, ...migrations] = spec.initContainers ?? [];
    const provisionEnv = resolvedEnv(objects, provision ?? { name: 'missing' });
    expect(provisionEnv['DATABASE_ADMIN_URL']).toBe('secret:db-admin/DATABASE_ADMIN_URL');
    for (const s of SERVICE_NAMES) {
      expect(provisionEnv[`${s.toUpperCase()}_DB_PASSWORD`]).toBe(`secret:${s}-db/DATABASE_PASSWORD`);
    }
    // Each step migrates as its service's own role, with the configuration its service has
    // (migrate.js validates all of it), and never sees the admin URL.
    migrations.forEach((c, i) => {
      const service = SERVICE_NAMES[i] ?? 'none';
      const env = resolvedEnv(objects, c);
      const serviceEnv = resolvedEnv(objects, appContainer(deployment(objects, service)));
      for (const name of REQUIRED_ENV.filter((n) => n !== 'SERVICE')) {
        expect({ step: c.name, name, value: env[name] }).toEqual({ step: c.name, name, value: serviceEnv[name] });
      }
      expect(env['DATABASE_URL']).toBe(`secret:${service}-db/DATABASE_URL`);
      expect('DATABASE_ADMIN_URL' in env).toBe(false);
    });
  });

  it('uses one image, with an explicit tag, for every container', () => {
    const images = new Set(pods(objects).flatMap(({ template }) => allContainers(template.spec).map((c) => c.image)));
    expect(images.size).toBe(1);
    const [image] = [...images];
    const parsed = parseImage(image ?? '');
    expect(parsed.tag !== undefined || parsed.digest !== undefined).toBe(true);
  });

  it('labels every object as part of this platform and instance, and puts it in the namespace', () => {
    for (const o of objects) {
      const metadata = o['metadata'];
      const labels = isObject(metadata) ? metadata['labels'] : undefined;
      const id = `${kindOf(o)}/${nameOf(o)}`;
      expect({ id, labels }).toEqual({
        id,
        labels: expect.objectContaining({
          'app.kubernetes.io/part-of': 'cs-platform',
          'app.kubernetes.io/managed-by': 'kustomize',
          'app.kubernetes.io/instance': `cs-${overlay}`,
        }),
      });
      const ns = isObject(metadata) ? metadata['namespace'] : undefined;
      expect({ id, ns }).toEqual({ id, ns: kindOf(o) === 'Namespace' ? undefined : namespace });
    }
    for (const { owner, template } of pods(objects)) {
      expect({ owner, labels: template.metadata?.labels }).toEqual({
        owner,
        labels: expect.objectContaining({
          'app.kubernetes.io/name': expect.any(String),
          'app.kubernetes.io/part-of': 'cs-platform',
        }),
      });
    }
    const ns = ofKind(objects, 'Namespace');
    expect(ns.map((n) => n.metadata.name)).toEqual([namespace]);
    expect(ns[0]?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });
});

describe('dev and prod differ where they should', () => {
  let dev: JsonObject[];
  let prod: JsonObject[];
  beforeAll(() => {
    dev = kustomizeBuild(join(__dirname, 'overlays', 'dev'));
    prod = kustomizeBuild(join(__dirname, 'overlays', 'prod'));
  });

  const platform = (objects: readonly JsonObject[]): Record<string, string> =>
    resolvedEnv(objects, appContainer(deployment(objects, 'tickets')));

  it('runs at least three replicas of every service in prod, and one in dev', () => {
    for (const hpa of ofKind(prod, 'HorizontalPodAutoscaler')) expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(3);
    for (const d of ofKind(prod, 'Deployment')) {
      // Left to the HPA, so `kubectl apply` never scales a running service down.
      expect(d.spec.replicas ?? 3).toBeGreaterThanOrEqual(3);
    }
    for (const hpa of ofKind(dev, 'HorizontalPodAutoscaler')) expect(hpa.spec.minReplicas).toBe(1);
  });

  it('pins the prod image to a release tag or digest, never latest', () => {
    const images = new Set(pods(prod).flatMap(({ template }) => allContainers(template.spec).map((c) => c.image ?? '')));
    for (const image of images) {
      const { name, tag, digest } = parseImage(image);
      expect(name).toContain('/'); // from a registry, not a local build
      expect(tag).not.toBe('latest');
      expect((tag !== undefined && /^v?\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(tag)) || /^sha256:[0-9a-f]{64}$/.test(digest ?? '')).toBe(true);
    }
  });

  it('verifies JWTs against the JWKS in prod and uses a generated HS256 secret only in dev', () => {
    const prodEnv = platform(prod);
    expect(prodEnv['AUTH_MODE']).toBe('jwks');
    expect(prodEnv['JWT_JWKS_URL']).toMatch(/^https:\/\//);
    expect(prodEnv['JWT_SECRET']).toBeUndefined();
    expect(prodEnv['NODE_ENV']).toBe('production');

    const devEnv = platform(dev);
    expect(devEnv['AUTH_MODE']).toBe('hs256');
    expect(devEnv['JWT_SECRET']).toBe('secret:dev-auth/JWT_SECRET');
  });

  it('commits no Secret for prod: the operator creates them', () => {
    expect(ofKind(prod, 'Secret')).toEqual([]);
    expect(ofKind(dev, 'Secret').length).toBeGreaterThan(0);
  });

  it('gives prod more CPU and memory than dev', () => {
    for (const service of SERVICE_NAMES) {
      const d = appContainer(deployment(dev, service)).resources;
      const p = appContainer(deployment(prod, service)).resources;
      for (const field of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) {
          expect(quantity(p?.[field]?.[resource] ?? 0)).toBeGreaterThan(quantity(d?.[field]?.[resource] ?? Infinity));
        }
      }
    }
  });

  it('serves prod on a host with TLS', () => {
    const ingress = ofKind(prod, 'Ingress')[0];
    const host = ingress?.spec.rules[0]?.host;
    expect(host).toBeDefined();
    expect(ingress?.spec.tls?.some((t) => t.hosts?.includes(host ?? '') && t.secretName !== undefined)).toBe(true);
  });
});

describe('the image and the manifests agree', () => {
  const dockerfile = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
  const stages = dockerfile
    .split(/^(?=FROM\s)/m)
    .filter((s) => s.startsWith('FROM'))
    .map((text) => ({ name: /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(text)?.[1] ?? '', text }));
  const runtime = stages.at(-1)?.text ?? '';

  it('runs the final stage as uid 10001 with NODE_ENV=production, the uid the pods require', () => {
    expect(runtime).toMatch(/^USER 10001(:10001)?$/m);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/SERVICE=/);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    for (const overlay of OVERLAYS) {
      for (const { template } of pods(kustomizeBuild(join(__dirname, 'overlays', overlay)))) {
        expect(template.spec.securityContext?.runAsUser).toBe(10001);
      }
    }
  });

  it('ships only production dependencies, installed with npm ci --omit=dev', () => {
    const from = /COPY --from=(\S+) \/app\/node_modules/.exec(runtime)?.[1];
    const source = stages.find((s) => s.name === from);
    expect(source?.text).toMatch(/npm ci --omit=dev/);
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist/);
  });

  it('starts dist/apps/$SERVICE/src/main.js with node as PID 1 (exec, so SIGTERM reaches it)', () => {
    const cmd = /^CMD (.+)$/m.exec(runtime)?.[1] ?? '';
    const argv = JSON.parse(cmd) as string[];
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(argv[2]).toMatch(/^exec node "dist\/apps\/\$\{SERVICE:\?[^}]*\}\/src\/main\.js"$/);
  });

  it('keeps host build output, dependencies and secrets out of the build context', () => {
    const ignored = readFileSync(join(REPO, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.env', '.env.*']));
    // What the build needs must not be ignored.
    for (const needed of ['apps', 'libs', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.base.json']) {
      expect(ignored).not.toContain(needed);
    }
  });
});

describe('docs/deployment.md', () => {
  const doc = readFileSync(join(REPO, 'docs', 'deployment.md'), 'utf8');

  it('names every Secret the operator must create, with its keys', () => {
    for (const [name, keys] of Object.entries(EXTERNAL_SECRETS.prod)) {
      expect({ name, mentioned: doc.includes(`\`${name}\``) }).toEqual({ name, mentioned: true });
      for (const key of keys) expect({ name, key, mentioned: doc.includes(`\`${key}\``) }).toEqual({ name, key, mentioned: true });
    }
  });

  it('documents the deploy command and the migration order', () => {
    expect(doc).toContain('kubectl apply -k k8s/overlays/prod');
    expect(doc.indexOf('provision')).toBeLessThan(doc.indexOf('migrate-intake'));
  });
});

/** `kustomize build` or `kubectl kustomize`, when one of them is on PATH. */
function kustomizeCommand(): [string, string] | undefined {
  const onPath = (bin: string): boolean =>
    (process.env['PATH'] ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, bin)));
  if (onPath('kustomize')) return ['kustomize', 'build'];
  if (onPath('kubectl')) return ['kubectl', 'kustomize'];
  return undefined;
}

const cli = kustomizeCommand();
(cli === undefined ? describe.skip : describe)('the renderer against a kustomize binary on PATH', () => {
  it.each(OVERLAYS)('renders the %s overlay exactly as kustomize does', (overlay) => {
    const dir = join(__dirname, 'overlays', overlay);
    const [bin, verb] = cli ?? ['', ''];
    const text = execFileSync(bin, [verb, dir], { encoding: 'utf8', timeout: 60_000 });
    const theirs = parseAllDocuments(text)
      .map((d) => d.toJS() as Json)
      .filter((d): d is JsonObject => isObject(d));
    const mine = kustomizeBuild(dir);
    const byId = (list: JsonObject[]): Record<string, JsonObject> =>
      Object.fromEntries(list.map((o) => [`${kindOf(o)}/${nameOf(o)}`, o]));
    expect(Object.keys(byId(mine)).sort()).toEqual(Object.keys(byId(theirs)).sort());
    expect(byId(mine)).toEqual(byId(theirs));
  });
});
