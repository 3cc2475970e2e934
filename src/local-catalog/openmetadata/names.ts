/** The longest entity name the server accepts (`type/basic.json#/definitions/entityName`, docs/upstream/openmetadata.md §8.2). */
const ENTITY_NAME_MAX_LENGTH = 256;

/** The entity-name pattern as the server prints it in bean-validation messages (§4.3). */
const ENTITY_NAME_PATTERN = "^((?!::).)*$";

/**
 * The bean-validation violations of an entity name (without the field prefix): `size must be between
 * 1 and 256` and/or `must match "^((?!::).)*$"` (§8.2). Java's `.` matches no line terminator, so a
 * name with one fails the pattern too. Empty when the name is valid.
 */
export function entityNameViolations(name: string): string[] {
  const violations: string[] = [];
  if (name.length < 1 || name.length > ENTITY_NAME_MAX_LENGTH) violations.push(`size must be between 1 and ${ENTITY_NAME_MAX_LENGTH}`);
  if (name.includes("::") || /[\n\r\u2028\u2029\u0085]/.test(name)) violations.push(`must match "${ENTITY_NAME_PATTERN}"`);
  return violations;
}

/**
 * One FQN part as the server quotes it (§8.1): wrapped in double quotes when it contains a dot and no
 * quote yet, else unchanged. A service's FQN is its quoted name; `/name/{fqn}` lookups are re-quoted.
 */
export function quoteName(name: string): string {
  return name.includes(".") && !name.includes('"') ? `"${name}"` : name;
}

/** The FQN of an entity inside a parent (a model in its service): `<parent FQN>.<quoted name>` (§8.1), e.g. `mlflow_svc."churn.v2"`. */
export function childFqn(parentFqn: string, name: string): string {
  return `${parentFqn}.${quoteName(name)}`;
}
