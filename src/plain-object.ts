/** True for a plain JSON object: not null, not an array. The one such check of the project (gateway and local catalog). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
