/**
 * Offline checks of the Kubernetes manifests: each overlay is rendered by the real kustomize
 * (`kubectl kustomize`, or a Go-installed `kustomize build`), every object is validated against
 * the Kubernetes OpenAPI schema of its kind (kubernetes-models), and the result is held to the
 * deployment contract in docs/deployment.md and docs/operations.md. The lists it checks against
 * (services, ports, routes, environment variables) come from the code, not from this file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_PORTS,
  ENVIRONMENT,
  GATEWAY_PORT,
  GATEWAY_SHUTDOWN_TIMEOUT_MS,
  MAX_MIGRATION_LOCK_BUDGET_MS,
  SERVICE_NAMES,
  SERVICE_SHUTDOWN_TIMEOUT_MS,
  WEBHOOK_CHANNELS,
  loadGatewayConfig,
  loadServiceConfig,
  readEnvironment,
} from '@cs/config';
import { replayRequest } from '@cs/messaging';
import { ROUTE_TABLE } from '../apps/gateway/src/routing/route-table';
import { ROTATION_EXIT_CODES, ROTATION_EXIT_CODES_NOT_RETRIED } from '../apps/intake/src/cli/rotation-exit-code';
import { MIGRATION_EXIT_CODES } from '../libs/platform/src/migrations';
import { isObject, type JsonObject } from './manifests/json';
import {
  idOf,
  ofKind,
  parseImage,
  quantity,
  selects,
  type Container,
  type CronJob,
  type Deployment,
  type PodFailurePolicy,
  type Job,
  type Labels,
  type NetworkPolicy,
  type NetworkPolicyPort,
  type PodSpec,
  type PodTemplate,
} from './manifests/k8s';
import { providedVariables, resolvedEnv } from './manifests/env';
import { kustomizeBuild } from './manifests/kustomize';
import { schemaViolations } from './manifests/schema';

const REPO = join(__dirname, '..');
const OVERLAYS = ['dev', 'prod'] as const;
type Overlay = (typeof OVERLAYS)[number];
const render = (overlay: Overlay): JsonObject[] => kustomizeBuild(join(__dirname, 'overlays', overlay));

/** Every Deployment and the port it listens on: the six services and the gateway. */
const PORTS: Readonly<Record<string, number>> = { ...DEFAULT_PORTS, gateway: GATEWAY_PORT };
const WORKLOADS = Object.keys(PORTS);

/** The gateway's own public pages (apps/gateway): the merged OpenAPI and the AsyncAPI documents. */
const GATEWAY_PATHS = ['/docs', '/docs-json', '/asyncapi', '/asyncapi.json'];

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
    'callbacks-questionnaire': ['QUESTIONNAIRE_LINK_SECRET'],
    'intake-pii': [
      'PII_ENCRYPTION_KEYS',
      'PII_ACTIVE_KEY_ID',
      'PII_BLIND_INDEX_KEY',
      ...WEBHOOK_CHANNELS.map((c) => `WEBHOOK_SECRET_${c.toUpperCase()}`),
    ],
  },
};

/**
 * Variables of the configuration schema an overlay deliberately leaves unset, with the reason.
 * The list is exact: a variable listed here and set anyway fails the test.
 */
const UNSET_VARIABLES: Record<Overlay, Record<string, string>> = {
  dev: {},
  prod: { JWT_SECRET: 'production verifies RS256 tokens through JWT_JWKS_URL and refuses HS256' },
};

const NAMESPACES: Record<Overlay, string> = { dev: 'cs-dev', prod: 'cs' };

/** How long each Deployment's process may take to drain after SIGTERM before it forces its exit. */
const SHUTDOWN_BOUND_SECONDS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(SERVICE_NAMES.map((s) => [s, SERVICE_SHUTDOWN_TIMEOUT_MS / 1000])),
  gateway: GATEWAY_SHUTDOWN_TIMEOUT_MS / 1000,
};

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
    ...ofKind(objects, 'CronJob').map((c) => ({ owner: `CronJob/${c.metadata.name}`, template: c.spec.jobTemplate.spec.template })),
  ];
}

function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/**
 * The environment a container starts with, each Secret's value replaced by a valid stand-in of
 * its form: the value is the operator's, and a stand-in shows that every other value, and the
 * combination of them, passes the checks the process makes at start-up.
 */
function startupEnv(objects: readonly JsonObject[], container: Container): Record<string, string> {
  const standIn = (value: string): string =>
    value.startsWith('secret:') ? (value.endsWith('/DATABASE_URL') ? 'postgres://role:password@db:5432/cs' : 's'.repeat(48)) : value;
  return Object.fromEntries(Object.entries(resolvedEnv(objects, container)).map(([k, v]) => [k, standIn(v)]));
}

/** true, or the message of what `load` threw: a failing expectation then says why. */
function loads(load: () => unknown): true | string {
  try {
    load();
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function deployment(objects: readonly JsonObject[], name: string): Deployment {
  const found = ofKind(objects, 'Deployment').find((d) => d.metadata.name === name);
  if (found === undefined) throw new Error(`no Deployment ${name}`);
  return found;
}

function job(objects: readonly JsonObject[], name: string): Job {
  const found = ofKind(objects, 'Job').find((j) => j.metadata.name === name);
  if (found === undefined) throw new Error(`no Job ${name}`);
  return found;
}

function cronJob(objects: readonly JsonObject[], name: string): CronJob {
  const found = ofKind(objects, 'CronJob').find((c) => c.metadata.name === name);
  if (found === undefined) throw new Error(`no CronJob ${name}`);
  return found;
}

/**
 * A task an operator starts (a CronJob never scheduled, one Job at a time) whose one container
 * runs once and is tried again, within a deadline, when it fails; that container.
 */
function operatorTask(task: CronJob): { container: Container; podFailurePolicy?: PodFailurePolicy } {
  expect(task.spec.suspend).toBe(true);
  expect(task.spec.concurrencyPolicy).toBe('Forbid');
  const { template, backoffLimit, activeDeadlineSeconds, podFailurePolicy } = task.spec.jobTemplate.spec;
  expect(template.spec.restartPolicy).toBe('Never');
  expect(backoffLimit).toBeGreaterThan(0);
  expect(activeDeadlineSeconds).toBeGreaterThan(0);
  const [container, ...others] = template.spec.containers;
  expect(others).toEqual([]);
  if (container === undefined) throw new Error(`CronJob ${task.metadata.name} has no container`);
  return { container, podFailurePolicy };
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
    objects = render(overlay);
  });

  it('renders objects that are valid against the Kubernetes OpenAPI schemas', () => {
    expect(objects.length).toBeGreaterThan(WORKLOADS.length * 4);
    for (const object of objects) {
      expect({ object: idOf(object), violations: schemaViolations(object) }).toEqual({ object: idOf(object), violations: [] });
    }
  });

  it('runs exactly the six services and the gateway, each as a Deployment of its own', () => {
    const names = ofKind(objects, 'Deployment').map((d) => d.metadata.name);
    expect(names.sort()).toEqual([...WORKLOADS].sort());
  });

  it('provides every variable of the configuration schema from a ConfigMap or a Secret', () => {
    const provided = new Set<string>();
    for (const { template } of pods(objects)) {
      for (const container of allContainers(template.spec)) {
        for (const name of providedVariables(objects, container, EXTERNAL_SECRETS[overlay])) provided.add(name);
      }
    }
    const unset = UNSET_VARIABLES[overlay];
    for (const name of Object.keys(ENVIRONMENT.properties)) {
      expect({ name, provided: provided.has(name) }).toEqual({ name, provided: !(name in unset) });
    }
    for (const name of Object.keys(unset)) expect(Object.keys(ENVIRONMENT.properties)).toContain(name);
  });

  it('sets only values the configuration schema accepts, in every ConfigMap', () => {
    for (const cm of ofKind(objects, 'ConfigMap')) {
      const unknown = Object.keys(cm.data ?? {}).filter((key) => !(key in ENVIRONMENT.properties));
      expect({ configMap: cm.metadata.name, unknown }).toEqual({ configMap: cm.metadata.name, unknown: [] });
      expect(() => readEnvironment(cm.data ?? {})).not.toThrow();
    }
  });

  it('starts each service with its name, port and schema, and its database URL from its own Secret', () => {
    for (const service of SERVICE_NAMES) {
      const d = deployment(objects, service);
      const app = appContainer(d);
      const env = resolvedEnv(objects, app);
      for (const name of REQUIRED_ENV) expect({ service, name, set: name in env }).toEqual({ service, name, set: true });
      expect(env['SERVICE']).toBe(service);
      expect(env['PORT']).toBe(String(PORTS[service]));
      expect(httpPort(app)).toBe(PORTS[service]);
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

  it('gives each service and the gateway a configuration it accepts, once the Secrets hold valid values', () => {
    const envOf = (name: string): Record<string, string> => startupEnv(objects, appContainer(deployment(objects, name)));
    for (const service of SERVICE_NAMES) {
      const config = loadServiceConfig(service, envOf(service));
      expect({ service, port: config.port, schema: config.database.schema }).toEqual({ service, port: PORTS[service], schema: service });
    }
    const gateway = loadGatewayConfig(envOf('gateway'));
    expect(gateway.port).toBe(GATEWAY_PORT);
    // The gateway reaches each service by its Service's name and port.
    expect(gateway.upstreams).toEqual(Object.fromEntries(SERVICE_NAMES.map((s) => [s, `http://${s}:${PORTS[s]}`])));
    expect(gateway.devTokens.enabled).toBe(overlay === 'dev');
  });

  it('keeps secrets out of ConfigMaps', () => {
    for (const cm of ofKind(objects, 'ConfigMap')) {
      // A variable the configuration schema marks secret may sit here only as a URL without
      // credentials (checked below), e.g. REDIS_URL of a Redis without a password.
      const secretInSchema = (key: string, value: string): boolean =>
        (ENVIRONMENT.properties as Record<string, { 'x-secret'?: boolean }>)[key]?.['x-secret'] === true && !/^[a-z]+:\/\//.test(value);
      const suspicious = Object.entries(cm.data ?? {})
        .filter(([key, value]) => /PASSWORD|SECRET|PRIVATE/i.test(key) || secretInSchema(key, value))
        .map(([key]) => key);
      expect({ configMap: cm.metadata.name, suspicious }).toEqual({ configMap: cm.metadata.name, suspicious: [] });
      for (const [key, value] of Object.entries(cm.data ?? {})) {
        // A URL with credentials (scheme://user:password@host) belongs in a Secret.
        expect({ key, credentialsInUrl: /:\/\/[^/@\s:]+:[^/@\s]+@/.test(value) }).toEqual({ key, credentialsInUrl: false });
      }
    }
  });

  it('probes every Deployment: startup and liveness on /health/live, readiness on /health/ready, at its port', () => {
    for (const service of WORKLOADS) {
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
        expect(resolvePort(probe?.port, app)).toBe(PORTS[service]);
      }
      // The startup probe must give a slow boot (migrations checked, Kafka joined) time.
      const startup = app.startupProbe;
      expect((startup?.periodSeconds ?? 10) * (startup?.failureThreshold ?? 3)).toBeGreaterThanOrEqual(60);
    }
  });

  it('drains on shutdown: a short preStop sleep and the drain bound inside the termination grace period', () => {
    for (const d of ofKind(objects, 'Deployment')) {
      const spec = d.spec.template.spec;
      const preStop = appContainer(d).lifecycle?.preStop;
      const sleepSeconds = preStop?.sleep?.seconds ?? Number(preStop?.exec?.command.at(-1));
      expect(preStop?.exec?.command[0] ?? 'sleep').toBe('sleep');
      expect(sleepSeconds).toBeGreaterThan(0);
      expect(sleepSeconds).toBeLessThanOrEqual(10);
      // After SIGTERM the process takes up to its shutdown bound before it forces its exit.
      const bound = SHUTDOWN_BOUND_SECONDS[d.metadata.name];
      expect({ deployment: d.metadata.name, bound: typeof bound }).toEqual({ deployment: d.metadata.name, bound: 'number' });
      expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(sleepSeconds + (bound ?? Infinity));
    }
    // A service waits for its consumers and its relay to stop, each up to its own timeout; counted
    // one after the other, both must fit the bound, or the forced exit cuts a batch short.
    for (const service of SERVICE_NAMES) {
      const env = resolvedEnv(objects, appContainer(deployment(objects, service)));
      const drain = Number(env['CONSUMER_STOP_TIMEOUT_MS']) + Number(env['OUTBOX_STOP_TIMEOUT_MS']);
      expect({ service, fits: drain < SERVICE_SHUTDOWN_TIMEOUT_MS }).toEqual({ service, fits: true });
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

  it('gives every container, the services\', the gateway\'s and the Jobs\', at least 384Mi, room for the heap Node sizes from the limit (never under about 260 MB) and the rest', () => {
    const all = pods(objects);
    expect(all.filter(({ owner }) => owner.startsWith('Deployment/')).length).toBe(SERVICE_NAMES.length + 1);
    for (const { owner, template } of all) {
      for (const c of allContainers(template.spec)) {
        const limitMiB = quantity(c.resources?.limits?.['memory'] ?? 0) / 2 ** 20;
        expect({ owner, container: c.name, roomy: limitMiB >= 384 }).toEqual({ owner, container: c.name, roomy: true });
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
      const port = service?.spec.ports.find((p) => p.port === PORTS[name]);
      expect(resolvePort(port?.targetPort, appContainer(d))).toBe(PORTS[name]);

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
      // A Postgres outage makes every pod unready; the default policy would then block node drains.
      expect(pdb?.spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
    }
  });

  it('lets every Service select the pods of exactly one Deployment, on a port the pods declare', () => {
    const services = ofKind(objects, 'Service');
    expect(services.length).toBe(WORKLOADS.length);
    for (const service of services) {
      const selected = ofKind(objects, 'Deployment').filter((d) => selects({ matchLabels: service.spec.selector }, d.spec.template.metadata?.labels));
      expect({ service: service.metadata.name, selects: selected.map((d) => d.metadata.name) }).toEqual({ service: service.metadata.name, selects: [service.metadata.name] });
      const app = selected[0] === undefined ? undefined : appContainer(selected[0]);
      for (const port of service.spec.ports) expect(app && resolvePort(port.targetPort ?? port.port, app)).toBe(port.port);
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

  it('routes the route table of the gateway (ROUTE_TABLE) to the owning services, its documents to the gateway, and nothing else', () => {
    const paths = ofKind(objects, 'Ingress').flatMap((i) =>
      i.spec.rules.flatMap((r) => r.http.paths.map((p) => ({ ingress: i.metadata.name, host: r.host, ...p }))),
    );
    const table = Object.fromEntries(
      paths.map((p) => [p.path, { service: p.backend.service?.name, port: p.backend.service?.port.number }]),
    );
    const expected = {
      ...Object.fromEntries(
        Object.entries(ROUTE_TABLE).flatMap(([service, prefixes]) => prefixes.map((path) => [path, { service, port: PORTS[service] }])),
      ),
      ...Object.fromEntries(GATEWAY_PATHS.map((path) => [path, { service: 'gateway', port: GATEWAY_PORT }])),
    };
    expect(table).toEqual(expected);
    expect(paths).toHaveLength(Object.keys(expected).length);
    // A prefix of the route table serves its sub-paths (/v1/tickets/{id}); the documents are single pages.
    for (const p of paths) expect({ path: p.path, type: p.pathType }).toEqual({ path: p.path, type: p.path.startsWith('/v1/') || p.path === '/docs' ? 'Prefix' : 'Exact' });
    // Every Ingress answers on the same host, so the whole API is one origin.
    expect(new Set(paths.map((p) => p.host)).size).toBe(1);
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

  it('admits the ingress controller to each Deployment on its own port, the gateway to the services, and never one service to another', () => {
    const deployments = ofKind(objects, 'Deployment');
    const gatewayLabels = deployment(objects, 'gateway').spec.template.metadata?.labels;
    for (const d of deployments) {
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
        // Every source is another namespace, or the gateway's pods and nothing else of this
        // namespace: a namespaceSelector that could match this namespace would let every pod in.
        expect((rule.from ?? []).length).toBeGreaterThan(0);
        for (const peer of rule.from ?? []) {
          const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
          const otherNamespace = ns !== undefined && ns !== namespace;
          const admitted = deployments.filter((o) => peer.namespaceSelector === undefined && selects(peer.podSelector, o.spec.template.metadata?.labels));
          const onlyGateway = admitted.length === 1 && admitted[0]?.metadata.name === 'gateway' && d.metadata.name !== 'gateway';
          expect({ peer, otherNamespaceOrGateway: otherNamespace || onlyGateway }).toEqual({ peer, otherNamespaceOrGateway: true });
        }
      }
    }
    // The services dial no other pod's port; the gateway dials the services' ports only.
    for (const service of SERVICE_NAMES) {
      const egress = allowedEgress(objects, deployment(objects, service).spec.template.metadata?.labels);
      for (const port of Object.values(PORTS)) expect({ service, port, allowed: egress.has(`TCP/${port}`) }).toEqual({ service, port, allowed: false });
      expect(egress.has('*')).toBe(false);
    }
    const gatewayRules = policiesFor(objects, gatewayLabels, 'Egress').flatMap((p) => p.spec.egress ?? []);
    const toPods = gatewayRules.filter((rule) => (rule.to ?? []).some((peer) => peer.podSelector !== undefined && peer.namespaceSelector === undefined));
    expect(toPods.length).toBeGreaterThan(0);
    for (const rule of toPods) {
      for (const peer of rule.to ?? []) {
        const reached = deployments.filter((o) => selects(peer.podSelector, o.spec.template.metadata?.labels)).map((o) => o.metadata.name);
        expect(reached.sort()).toEqual([...SERVICE_NAMES].sort());
      }
      expect(rule.ports?.map((p) => p.port)).toEqual(['http']);
    }
  });

  it('lets the services reach only Postgres, Kafka, Redis, DNS and HTTPS, the gateway only DNS and the services, each Job only its store and DNS', () => {
    const dns = ['TCP/53', 'UDP/53'];
    for (const service of SERVICE_NAMES) {
      const egress = allowedEgress(objects, deployment(objects, service).spec.template.metadata?.labels);
      // HTTPS: the identity provider's JWKS, and the notifications service's outgoing webhooks.
      expect({ service, egress: [...egress].sort() }).toEqual({ service, egress: ['TCP/443', 'TCP/5432', 'TCP/6379', 'TCP/9092', ...dns].sort() });
    }
    const gatewayEgress = allowedEgress(objects, deployment(objects, 'gateway').spec.template.metadata?.labels);
    expect([...gatewayEgress].sort()).toEqual(['TCP/http', ...dns].sort());
    const jobEgress = (name: string): string[] => [...allowedEgress(objects, job(objects, name).spec.template.metadata?.labels)].sort();
    expect(jobEgress('db-migrate')).toEqual(['TCP/5432', ...dns].sort());
    expect(jobEgress('kafka-topics')).toEqual(['TCP/9092', ...dns].sort());
    // The PII rotation reaches intake's database, the dead-letter replay Kafka.
    const stores: Record<string, string> = { 'pii-key-rotation': 'TCP/5432', 'dlq-replay': 'TCP/9092' };
    for (const task of ofKind(objects, 'CronJob')) {
      const egress = [...allowedEgress(objects, task.spec.jobTemplate.spec.template.metadata?.labels)].sort();
      expect({ task: task.metadata.name, egress }).toEqual({ task: task.metadata.name, egress: [stores[task.metadata.name] ?? 'none', ...dns].sort() });
    }
  });

  it('accepts webhook subscriptions only to ports the notifications pods may dial', () => {
    const notifications = deployment(objects, 'notifications');
    const { webhookDestinations } = loadServiceConfig('notifications', startupEnv(objects, appContainer(notifications))).notifications;
    // Left open, a subscription to a port the policy closes would be accepted and then time out on every attempt.
    expect(webhookDestinations.ports).toBeDefined();
    const egress = allowedEgress(objects, notifications.spec.template.metadata?.labels);
    for (const port of webhookDestinations.ports ?? []) expect({ port, open: egress.has(`TCP/${port}`) }).toEqual({ port, open: true });
    expect(webhookDestinations.httpsOnly).toBe(overlay === 'prod');
  });

  it('runs two Jobs per release: the migrations and the Kafka topics, nothing else', () => {
    expect(ofKind(objects, 'Job').map((j) => j.metadata.name).sort()).toEqual(['db-migrate', 'kafka-topics']);
  });

  it('ships the PII key rotation as a task an operator starts, never scheduled, with intake\'s environment', () => {
    // The command fails while values are left under another key, so the Job tries again, and ends;
    // values no key decrypts, a configuration refused, or an intake replica still on another key,
    // fail the Job at once: a rerun ends the same.
    const { container, podFailurePolicy } = operatorTask(cronJob(objects, 'pii-key-rotation'));
    expect(container.name).toBe('rotate');
    expect(podFailurePolicy?.rules).toEqual([{ action: 'FailJob', onExitCodes: { containerName: 'rotate', operator: 'In', values: [...ROTATION_EXIT_CODES_NOT_RETRIED] } }]);
    expect(ROTATION_EXIT_CODES_NOT_RETRIED).toEqual([ROTATION_EXIT_CODES.refused, ROTATION_EXIT_CODES.undecryptable, ROTATION_EXIT_CODES.replicasBehind]);
    expect(ROTATION_EXIT_CODES_NOT_RETRIED).not.toContain(ROTATION_EXIT_CODES.incomplete);
    expect(container.command?.join(' ')).toBe('node dist/apps/intake/src/cli/rotate-pii-keys.js');
    const operations = readFileSync(join(REPO, 'docs', 'operations.md'), 'utf8');
    for (const code of ROTATION_EXIT_CODES_NOT_RETRIED) expect(operations).toContain(`exit ${code}`);
    // The same database role, keys and configuration as the intake pods, from the same objects;
    // only what picks the process (SERVICE) and verifies requests (dev's JWT_SECRET) is theirs alone.
    const servesRequests = new Set(['SERVICE', 'JWT_SECRET']);
    const intake = Object.entries(resolvedEnv(objects, appContainer(deployment(objects, 'intake'))));
    expect(resolvedEnv(objects, container)).toEqual(Object.fromEntries(intake.filter(([name]) => !servesRequests.has(name))));
    expect(loads(() => loadServiceConfig('intake', startupEnv(objects, container)))).toBe(true);
  });

  it('ships two tasks an operator starts, the PII key rotation and the dead-letter replay, and no other', () => {
    expect(ofKind(objects, 'CronJob').map((t) => t.metadata.name).sort()).toEqual(['dlq-replay', 'pii-key-rotation']);
  });

  it('ships the dead-letter replay as a task an operator starts naming the group, never scheduled, with the services\' Kafka and nothing else', () => {
    // A dead letter it cannot publish back fails the pod (exit 1) and the Job resumes; a request it refuses (exit 2) ends the Job.
    const { container, podFailurePolicy } = operatorTask(cronJob(objects, 'dlq-replay'));
    expect(podFailurePolicy?.rules).toEqual([{ action: 'FailJob', onExitCodes: { containerName: 'replay', operator: 'In', values: [2] } }]);
    expect(container.name).toBe('replay');
    expect(container.command?.join(' ')).toBe('node dist/libs/messaging/src/cli/dlq-replay.js --run $(JOB_UID)');
    // Every pod of one Job replays as one run, so --limit holds for the Job.
    expect(container.env).toContainEqual({ name: 'JOB_UID', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/controller-uid']" } } });
    // The services' brokers and namespace, so it reads their dead letters and writes to their topics; no database, no Secret.
    const env = resolvedEnv(objects, container);
    const serviceEnv = resolvedEnv(objects, appContainer(deployment(objects, 'tickets')));
    for (const name of ['KAFKA_BROKERS', 'KAFKA_TOPIC_PREFIX']) expect({ name, value: env[name] }).toEqual({ name, value: serviceEnv[name] });
    expect(Object.entries(env).filter(([, value]) => value.startsWith('secret:'))).toEqual([]);
    // Started as the template stands, it is refused naming the groups; given a group as its args (kubectl patch), it replays that group's.
    const command = [...(container.command ?? []).slice(2)].map((arg) => (arg === '$(JOB_UID)' ? 'a1b2-c3' : arg));
    expect(replayRequest([...command, ...(container.args ?? [])], SERVICE_NAMES)).toEqual({ problem: expect.stringContaining(`one of ${SERVICE_NAMES.join(', ')}`) });
    for (const group of SERVICE_NAMES) expect(replayRequest([...command, group], SERVICE_NAMES)).toEqual({ group, run: 'a1b2-c3' });
  });

  it('creates the topics with one Job, with the partitions and replication of the platform configuration, while the services create none', () => {
    const topics = job(objects, 'kafka-topics');
    expect(topics.spec.template.spec.restartPolicy).toBe('Never');
    expect(topics.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    const [container, ...others] = topics.spec.template.spec.containers;
    expect(others).toEqual([]);
    expect(container?.command?.join(' ')).toBe('node dist/libs/messaging/src/cli/provision-topics.js');
    const env = resolvedEnv(objects, container ?? { name: 'missing' });
    const serviceEnv = resolvedEnv(objects, appContainer(deployment(objects, 'tickets')));
    for (const name of ['KAFKA_BROKERS', 'KAFKA_TOPIC_PARTITIONS', 'KAFKA_REPLICATION_FACTOR', 'KAFKA_TOPIC_PREFIX']) {
      expect({ name, value: env[name] }).toEqual({ name, value: serviceEnv[name] });
    }
    for (const service of SERVICE_NAMES) {
      expect(resolvedEnv(objects, appContainer(deployment(objects, service)))['KAFKA_ENSURE_TOPICS']).toBe('false');
    }
  });

  it('migrates with one Job: provisioning first, then each service as its own role', () => {
    const job = ofKind(objects, 'Job').find((j) => j.metadata.name === 'db-migrate');
    if (job === undefined) throw new Error('no migration Job');
    expect(job.spec.backoffLimit).toBeGreaterThanOrEqual(0);
    expect(job.spec.backoffLimit).toBeLessThanOrEqual(3);
    expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    // Every step's run stops, naming what held it, before the deadline could end it unheard; a
    // step so stopped fails the Job rather than start every step again (ADR 0100).
    const provisioningAndWork = 180_000;
    expect((job.spec.activeDeadlineSeconds ?? 0) * 1_000).toBeGreaterThanOrEqual(SERVICE_NAMES.length * MAX_MIGRATION_LOCK_BUDGET_MS + provisioningAndWork);
    expect(job.spec.podFailurePolicy?.rules).toEqual([{ action: 'FailJob', onExitCodes: { operator: 'In', values: [MIGRATION_EXIT_CODES.heldByLock] } }]);
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
      // migrate.js loads the service's whole configuration first, with this overlay's rules
      // (production requires more than development), so each step must pass it as it is.
      expect({ step: c.name, loads: loads(() => loadServiceConfig(service, startupEnv(objects, c))) }).toEqual({ step: c.name, loads: true });
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
      const id = idOf(o);
      expect({ id, labels }).toEqual({
        id,
        labels: expect.objectContaining({
          'app.kubernetes.io/part-of': 'cs-platform',
          'app.kubernetes.io/managed-by': 'kustomize',
          'app.kubernetes.io/instance': `cs-${overlay}`,
        }),
      });
      const ns = isObject(metadata) ? metadata['namespace'] : undefined;
      expect({ id, ns }).toEqual({ id, ns: o['kind'] === 'Namespace' ? undefined : namespace });
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
    dev = render('dev');
    prod = render('prod');
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

  it('shows the released version in the API documents: package.json, platform-config and the prod image tag agree', () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const objects of [dev, prod]) expect(platform(objects)['npm_package_version']).toBe(version);
    const tags = new Set(pods(prod).flatMap(({ template }) => allContainers(template.spec).map((c) => parseImage(c.image ?? '').tag)));
    expect([...tags]).toEqual([version]);
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
      for (const { template } of pods(render(overlay))) {
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

  it('exposes every port the manifests use and checks its own health', () => {
    const exposed = (/^EXPOSE (.+)$/m.exec(runtime)?.[1] ?? '').split(/\s+/).map(Number);
    expect(exposed.sort()).toEqual(Object.values(PORTS).sort());
    expect(runtime).toMatch(/^HEALTHCHECK .*(?:\n.*)?\/health\/live/m);
  });

  it('checks its health on the service’s own port when PORT is unset (a bare docker run)', () => {
    const defaults = /\(\{([^}]+)\}\)\[process\.env\.SERVICE\]/.exec(runtime)?.[1] ?? '';
    const table = Object.fromEntries(defaults.split(',').map((entry) => entry.split(':')).map(([name, port]) => [name, Number(port)]));
    expect(table).toEqual(PORTS);
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

  it('lists, for each service, its port and exactly the route prefixes the Ingress sends it', () => {
    const rows = Object.fromEntries(
      [...doc.matchAll(/^\| ([a-z]+) \| (\d+) \| (.*) \|$/gm)].map(([, service, port, routes]) => [
        service,
        { port: Number(port), routes: [...(routes ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort() },
      ]),
    );
    const expected = Object.fromEntries(
      Object.entries(ROUTE_TABLE).map(([service, prefixes]) => [service, { port: PORTS[service], routes: [...prefixes].sort() }]),
    );
    expect(rows).toEqual(expected);
  });

  it('documents how to replay a group\'s dead letters as a Job from its template, never inside a service\'s pod', () => {
    const operations = readFileSync(join(REPO, 'docs', 'operations.md'), 'utf8');
    expect(operations).toContain('--from=cronjob/dlq-replay');
    expect(operations).toContain(`kubectl patch --local -f - -o yaml --type=json -p '[{"op":"add","path":"/spec/template/spec/containers/0/args",`);
    for (const text of [doc, operations, readFileSync(join(REPO, 'README.md'), 'utf8')]) expect(text).not.toMatch(/exec deploy\/\S+ -- node \S*dlq-replay/);
  });

  it('documents the deploy command and the migration order', () => {
    expect(doc).toContain('kubectl apply -k k8s/overlays/prod');
    expect(doc.indexOf('provision')).toBeLessThan(doc.indexOf('migrate-intake'));
  });
});
