import { isPlainObject } from "../plain-object.js";
import { collectSecrets, type ObjectSpec } from "./connection-spec.js";
import { badRequest } from "./errors.js";

/** The mask the server shows instead of a secret to non-bot callers (docs/upstream/openmetadata.md §1.3). */
export const SECRET_MASK = "*********";

/** A copy of a connection config with every present secret (`format: password`) replaced by `*********` (§1.3). */
export function maskConfig(definition: ObjectSpec | undefined, config: Record<string, unknown>): Record<string, unknown> {
  const paths = secretPaths(definition);
  if (paths.length === 0) return config;
  const copy = structuredClone(config);
  for (const path of paths) {
    const parent = parentOf(copy, path);
    const key = lastKey(path);
    if (parent && typeof parent[key] === "string") parent[key] = SECRET_MASK;
  }
  return copy;
}

/**
 * A copy of an incoming config whose `*********` secrets are replaced by the stored values, so a masked
 * GET body can be sent back (§1.3). A mask with no stored secret behind it is a 400
 * `Failed to unmask connection instance of <Type>` (§7.3).
 */
export function unmaskConfig(
  serviceType: string,
  definition: ObjectSpec | undefined,
  incoming: Record<string, unknown>,
  stored: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const paths = secretPaths(definition);
  let copy: Record<string, unknown> | undefined;
  for (const path of paths) {
    const parent = parentOf(incoming, path);
    const key = lastKey(path);
    if (!parent || parent[key] !== SECRET_MASK) continue;
    const previous = stored ? parentOf(stored, path)?.[key] : undefined;
    if (typeof previous !== "string") throw badRequest(`Failed to unmask connection instance of ${serviceType}`);
    copy ??= structuredClone(incoming);
    (parentOf(copy, path) as Record<string, unknown>)[key] = previous;
  }
  return copy ?? incoming;
}

const secretPathCache = new WeakMap<ObjectSpec, readonly string[]>();

/** Dotted paths (inside `connection.config`) of the `format: password` properties of a connector definition (§1.3); none for an unknown connector. */
export function secretPaths(definition: ObjectSpec | undefined): readonly string[] {
  if (!definition) return [];
  let paths = secretPathCache.get(definition);
  if (!paths) {
    paths = collectSecrets(definition);
    secretPathCache.set(definition, paths);
  }
  return paths;
}

function parentOf(root: Record<string, unknown>, path: string): Record<string, unknown> | undefined {
  const keys = path.split(".");
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return isPlainObject(node) ? node : undefined;
}

function lastKey(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}
