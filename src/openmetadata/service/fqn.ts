/**
 * A service's fully qualified name is its name, wrapped in double quotes when it contains a dot and no
 * quote yet (openmetadata-contract.md §8.1). The server applies the same rule to `/name/{fqn}` lookups.
 */
export function quoteName(name: string): string {
  return name.includes(".") && !name.includes('"') ? `"${name}"` : name;
}
