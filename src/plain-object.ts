/** True for a plain JSON object: not null, not an array. The gateway's one such check (the local catalog has its own). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
