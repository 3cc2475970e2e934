/**
 * A service's fully qualified name: its name, wrapped in double quotes when it contains a dot and no
 * quote yet (openmetadata-contract.md §8.1). Lookups by name quote the supplied name the same way.
 */
export function quoteName(name: string): string {
  return name.includes(".") && !name.includes('"') ? `"${name}"` : name;
}
