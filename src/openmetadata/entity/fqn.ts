import type { EntityKind } from "./kind.js";

/**
 * A name as it appears in an FQN: wrapped in double quotes when it contains a dot and no quote yet
 * (docs/upstream/openmetadata.md §8.1). The server applies the same rule to `/name/{fqn}` lookups.
 */
export function quoteName(name: string): string {
  return name.includes(".") && !name.includes('"') ? `"${name}"` : name;
}

/**
 * An FQN as the upstream stores it, for matching what a request names against what it has read: a
 * service's FQN is its name quoted by the rule above; a data asset's FQN (`service.name`, each part
 * quoted) is taken as given.
 */
export function canonicalFqn(kind: EntityKind, fqn: string): string {
  return kind.parent ? fqn : quoteName(fqn);
}
