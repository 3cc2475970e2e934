/** True for a plain JSON object: not null, not an array. The local catalog's one such check (OpenMetadata and WML parts). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
