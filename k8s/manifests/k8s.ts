/**
 * Typed views of the Kubernetes objects the tests read. Only the fields we check are
 * declared, and all of them optional where Kubernetes allows them to be absent, so a test
 * must prove presence before relying on a value.
 */
import { isObject, type JsonObject } from './json';

export type Labels = Record<string, string>;

export interface Metadata {
  name: string;
  namespace?: string;
  labels?: Labels;
  annotations?: Record<string, string>;
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: unknown[];
}

export interface KeyRef {
  name: string;
  key: string;
  optional?: boolean;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef; fieldRef?: unknown; resourceFieldRef?: unknown };
}

export interface EnvFromSource {
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string };
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface ContainerSecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  privileged?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
}

export type Quantities = Record<string, string | number>;

export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  resources?: { requests?: Quantities; limits?: Quantities };
  securityContext?: ContainerSecurityContext;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface Volume {
  name: string;
  emptyDir?: { medium?: string; sizeLimit?: string };
  configMap?: { name: string };
  secret?: { secretName: string };
}

export interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
  restartPolicy?: string;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    runAsGroup?: number;
    fsGroup?: number;
    seccompProfile?: { type: string };
  };
  initContainers?: Container[];
  containers: Container[];
  volumes?: Volume[];
}

export interface PodTemplate {
  metadata?: { labels?: Labels; annotations?: Record<string, string> };
  spec: PodSpec;
}

export interface Deployment {
  apiVersion: string;
  kind: 'Deployment';
  metadata: Metadata;
  spec: { replicas?: number; selector: LabelSelector; template: PodTemplate };
}

export interface Job {
  apiVersion: string;
  kind: 'Job';
  metadata: Metadata;
  spec: { backoffLimit?: number; activeDeadlineSeconds?: number; podFailurePolicy?: PodFailurePolicy; template: PodTemplate };
}

/** What a Job does when a pod fails in a given way, instead of counting it against its backoffLimit. */
export interface PodFailurePolicy {
  rules: { action: string; onExitCodes?: { containerName?: string; operator: string; values: number[] } }[];
}

export interface CronJob {
  apiVersion: string;
  kind: 'CronJob';
  metadata: Metadata;
  spec: {
    suspend?: boolean;
    schedule: string;
    concurrencyPolicy?: string;
    jobTemplate: { spec: Job['spec'] & { ttlSecondsAfterFinished?: number } };
  };
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

export interface Service {
  apiVersion: string;
  kind: 'Service';
  metadata: Metadata;
  spec: { type?: string; selector?: Labels; ports: ServicePort[] };
}

export interface HorizontalPodAutoscaler {
  apiVersion: string;
  kind: 'HorizontalPodAutoscaler';
  metadata: Metadata;
  spec: {
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: { type: string; resource?: { name: string; target: { type: string; averageUtilization?: number } } }[];
  };
}

export interface PodDisruptionBudget {
  apiVersion: string;
  kind: 'PodDisruptionBudget';
  metadata: Metadata;
  spec: {
    selector: LabelSelector;
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow';
  };
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface NetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicy {
  apiVersion: string;
  kind: 'NetworkPolicy';
  metadata: Metadata;
  spec: {
    podSelector: LabelSelector;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
    egress?: { to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
  };
}

export interface IngressBackend {
  service?: { name: string; port: { number?: number; name?: string } };
}

export interface Ingress {
  apiVersion: string;
  kind: 'Ingress';
  metadata: Metadata;
  spec: {
    ingressClassName?: string;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules: { host?: string; http: { paths: { path: string; pathType: string; backend: IngressBackend }[] } }[];
  };
}

export interface ConfigMap {
  apiVersion: string;
  kind: 'ConfigMap';
  metadata: Metadata;
  data?: Record<string, string>;
}

export interface Secret {
  apiVersion: string;
  kind: 'Secret';
  metadata: Metadata;
  type?: string;
  data?: Record<string, string>;
}

export interface ServiceAccount {
  apiVersion: string;
  kind: 'ServiceAccount';
  metadata: Metadata;
  automountServiceAccountToken?: boolean;
}

export interface Namespace {
  apiVersion: string;
  kind: 'Namespace';
  metadata: Metadata;
}

export type Manifest =
  | Deployment
  | Job
  | CronJob
  | Service
  | HorizontalPodAutoscaler
  | PodDisruptionBudget
  | NetworkPolicy
  | Ingress
  | ConfigMap
  | Secret
  | ServiceAccount
  | Namespace;

/** The rendered objects of one kind, seen through their typed view. */
export function ofKind<K extends Manifest['kind']>(objects: readonly JsonObject[], kind: K): Extract<Manifest, { kind: K }>[] {
  return objects.filter((o) => o['kind'] === kind) as unknown as Extract<Manifest, { kind: K }>[];
}

/**
 * True when the selector picks a pod with these labels. An empty selector picks every pod,
 * as in a NetworkPolicy; callers that need a non-empty one check that themselves.
 */
export function selects(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
  if (selector === undefined) return false;
  if (selector.matchExpressions !== undefined) throw new Error('matchExpressions are not supported by these checks');
  return Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels?.[key] === value);
}

/** Parses a Kubernetes quantity (`250m`, `1`, `512Mi`, `1Gi`) into base units. */
export function quantity(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(value);
  if (match === null) throw new Error(`not a quantity: ${value}`);
  const factors: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  return Number(match[1]) * (match[2] === undefined ? 1 : (factors[match[2]] ?? Number.NaN));
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

/** `Kind/name`, how a test names an object in its failure message. */
export function idOf(object: JsonObject): string {
  const metadata = object['metadata'];
  const name = isObject(metadata) ? metadata['name'] : undefined;
  return `${String(object['kind'])}/${String(name)}`;
}
