/**
 * docker-compose.yml held to the code and to the Kubernetes manifests: the same services, the
 * same image, the same variables per service as the dev overlay, every variable of the
 * configuration schema, and a start order enforced by healthchecks. Where the Docker client has
 * the compose plugin, the file is read through `docker compose config` (merges and
 * interpolation as Docker does them); otherwise it is parsed with YAML merge keys.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  DEFAULT_PORTS,
  ENVIRONMENT,
  GATEWAY_PORT,
  SERVICE_NAMES,
  type ServiceName,
  loadGatewayConfig,
  loadServiceConfig,
  readEnvironment,
} from '@cs/config';
import { providedVariables } from './manifests/env';
import { ofKind, parseImage } from './manifests/k8s';
import { kustomizeBuild } from './manifests/kustomize';

const REPO = join(__dirname, '..');
const COMPOSE_FILE = join(REPO, 'docker-compose.yml');
const PORTS: Readonly<Record<string, number>> = { ...DEFAULT_PORTS, gateway: GATEWAY_PORT };
const WORKLOADS = Object.keys(PORTS);

interface ComposeService {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  ports?: (string | { host_ip?: string; target: number; published?: string | number })[];
  profiles?: string[];
}

function composeClient(): boolean {
  return spawnSync('docker', ['compose', 'version'], { encoding: 'utf8', timeout: 15_000 }).status === 0;
}

function loadCompose(): Record<string, ComposeService> {
  const text = composeClient()
    ? execFileSync('docker', ['compose', '-f', COMPOSE_FILE, '--profile', 'apps', 'config', '--format', 'json'], {
        encoding: 'utf8',
        timeout: 60_000,
      })
    : readFileSync(COMPOSE_FILE, 'utf8');
  const document = parse(text, { merge: true }) as { services?: Record<string, ComposeService> };
  return document.services ?? {};
}

/** A service's environment as strings, the way the process sees it. */
function environmentOf(service: ComposeService | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(service?.environment ?? {}).map(([name, value]) => [name, value === null ? '' : String(value)]));
}

function commandText(service: ComposeService | undefined): string {
  const command = service?.command ?? [];
  return typeof command === 'string' ? command : command.join(' ');
}

describe('docker-compose.yml', () => {
  const services = loadCompose();
  const dev = kustomizeBuild(join(__dirname, 'overlays', 'dev'));

  it('runs Postgres, Redis, Kafka, a one-shot provisioning step, the six services and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual(['postgres', 'redis', 'kafka', 'provision', ...WORKLOADS].sort());
  });

  it('runs the pinned Apache Kafka (infra/kafka/pom.xml) as one KRaft node, creating no topic by accident', () => {
    const pom = readFileSync(join(REPO, 'infra', 'kafka', 'pom.xml'), 'utf8');
    const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const kafka = services['kafka'];
    expect(kafka?.image).toBe(`apache/kafka:${version ?? ''}`);
    const env = environmentOf(kafka);
    expect(env['KAFKA_PROCESS_ROLES']?.split(',').sort()).toEqual(['broker', 'controller']);
    expect(Object.keys(env).some((name) => /ZOOKEEPER/.test(name))).toBe(false);
    expect(env['KAFKA_AUTO_CREATE_TOPICS_ENABLE']).toBe('false');
  });

  it('gives every long-running container a healthcheck, and starts each only once what it needs is healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'provision') continue;
      const test = service.healthcheck?.test;
      expect({ name, healthcheck: service.healthcheck?.disable !== true && test !== undefined && test.length > 0 }).toEqual({ name, healthcheck: true });
    }
    const conditions = (name: string): Record<string, string | undefined> =>
      Object.fromEntries(Object.entries(services[name]?.depends_on ?? {}).map(([dependency, { condition }]) => [dependency, condition]));
    expect(conditions('provision')).toEqual({ postgres: 'service_healthy', redis: 'service_healthy', kafka: 'service_healthy' });
    for (const service of SERVICE_NAMES) expect({ service, ...conditions(service) }).toEqual({ service, provision: 'service_completed_successfully' });
    expect(conditions('gateway')).toEqual(Object.fromEntries(SERVICE_NAMES.map((s) => [s, 'service_healthy'])));
  });

  it('provisions roles and schemas, then migrates each service as its own role, then creates the topics', () => {
    const command = commandText(services['provision']);
    const steps = [
      'dist/libs/persistence/src/cli/provision.js',
      'dist/apps/$$s/src/migrate.js',
      'dist/libs/messaging/src/cli/provision-topics.js',
    ].map((step) => command.indexOf(composeClient() ? step.replace('$$', '$') : step));
    expect(steps.every((index) => index >= 0)).toBe(true);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(command).toContain(`for s in ${SERVICE_NAMES.join(' ')}; do`);
    const env = environmentOf(services['provision']);
    expect(env['DATABASE_ADMIN_URL']).toMatch(/^postgres:\/\//);
    for (const service of SERVICE_NAMES) expect(env[`${service.toUpperCase()}_DB_PASSWORD`]).toBe(`${service}-dev-password`);
  });

  it('runs the image the Kubernetes manifests run, for every platform container', () => {
    const k8sImages = new Set(
      [...ofKind(dev, 'Deployment'), ...ofKind(dev, 'Job')].flatMap((o) =>
        [...(o.spec.template.spec.initContainers ?? []), ...o.spec.template.spec.containers].map((c) => parseImage(c.image ?? '').name),
      ),
    );
    expect(k8sImages.size).toBe(1);
    for (const name of ['provision', ...WORKLOADS]) {
      expect({ name, image: parseImage(services[name]?.image ?? '').name }).toEqual({ name, image: [...k8sImages][0] });
    }
  });

  it('gives each service and the gateway exactly the variables the dev overlay gives its Deployment', () => {
    for (const name of WORKLOADS) {
      const deployment = ofKind(dev, 'Deployment').find((d) => d.metadata.name === name);
      const app = deployment?.spec.template.spec.containers.find((c) => c.name === 'app');
      const k8s = app === undefined ? [] : providedVariables(dev, app, {});
      expect({ name, variables: Object.keys(environmentOf(services[name])).sort() }).toEqual({ name, variables: k8s });
      expect(environmentOf(services[name])['PORT']).toBe(String(PORTS[name]));
      // `docker compose config` writes ports in the long form.
      const ports = services[name]?.ports?.map((p) => (typeof p === 'string' ? p : `${p.host_ip ?? ''}:${String(p.published)}:${p.target}`));
      expect(ports).toEqual([`127.0.0.1:${PORTS[name]}:${PORTS[name]}`]);
    }
  });

  it('has each process believe X-Forwarded-For only from a proxy every client passes: none where its port is published, one where only the gateway reaches it', () => {
    for (const name of WORKLOADS) {
      const env = environmentOf(services[name]);
      const believed = name === 'gateway' ? loadGatewayConfig(env).trustedProxyHops : loadServiceConfig(name as ServiceName, env).trustedProxyHops;
      const published = (services[name]?.ports ?? []).length > 0;
      expect({ name, published, believed }).toEqual({ name, published, believed: published ? 0 : 1 });
    }
  });

  it('sets every variable of the configuration schema somewhere', () => {
    const set = new Set(Object.values(services).flatMap((service) => Object.keys(environmentOf(service))));
    for (const name of Object.keys(ENVIRONMENT.properties)) expect({ name, set: set.has(name) }).toEqual({ name, set: true });
  });

  it('passes each service and the gateway a configuration it accepts', () => {
    for (const service of SERVICE_NAMES) {
      const env = environmentOf(services[service]);
      expect(env['SERVICE']).toBe(service);
      const config = loadServiceConfig(service, env);
      expect({ service, port: config.port, host: config.host, ensureTopics: config.kafka.ensureTopics }).toEqual({
        service,
        port: PORTS[service],
        host: '0.0.0.0',
        ensureTopics: false,
      });
    }
    const gateway = loadGatewayConfig(environmentOf(services['gateway']));
    expect(gateway.upstreams).toEqual(Object.fromEntries(SERVICE_NAMES.map((s) => [s, `http://${s}:${PORTS[s]}`])));
    expect(() => readEnvironment(environmentOf(services['provision']))).not.toThrow();
  });
});
