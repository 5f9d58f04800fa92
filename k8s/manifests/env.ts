import type { JsonObject } from './json';
import { ofKind, type Container } from './k8s';

/**
 * The environment a container starts with: ConfigMap values as they are, values from
 * Secrets as `secret:<name>/<key>` (we check where they come from, not what they hold).
 */
export function resolvedEnv(objects: readonly JsonObject[], container: Container): Record<string, string> {
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

/**
 * The names of every variable a container is given: its `env`, the keys of the ConfigMaps and
 * Secrets it takes whole (`envFrom`). A Secret the overlay does not define is looked up in
 * `externalSecrets`, the keys the operator is told to create.
 */
export function providedVariables(
  objects: readonly JsonObject[],
  container: Container,
  externalSecrets: Readonly<Record<string, readonly string[]>>,
): string[] {
  const names = new Set(Object.keys(resolvedEnv(objects, container)));
  for (const from of container.envFrom ?? []) {
    const secret = from.secretRef?.name;
    if (secret === undefined) continue;
    const generated = ofKind(objects, 'Secret').find((x) => x.metadata.name === secret);
    const keys = generated === undefined ? (externalSecrets[secret] ?? []) : Object.keys(generated.data ?? {});
    for (const key of keys) names.add(key);
  }
  return [...names].sort();
}
