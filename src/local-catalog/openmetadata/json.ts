import type { CatalogResponse } from "../router.js";

/** Keys whose numeric values are entity versions, printed like Java `Double` (`1.0`, never `1`). */
const VERSION_KEYS = new Set(["version", "previousVersion", "currentVersion"]);
const MARK = "\u0001omv";
const MARKED = /"\\u0001omv([0-9.]+)\\u0001omv"/g;

/** A version as Java's `Double.toString` prints it for catalog versions: `0.1`, `0.9`, `1.0`, `12.3` (§1.3). */
export function formatVersion(version: number): string {
  const rounded = Math.round(version * 10) / 10;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

function replacer(key: string, value: unknown): unknown {
  if (VERSION_KEYS.has(key) && typeof value === "number" && Number.isFinite(value)) return `${MARK}${formatVersion(value)}${MARK}`;
  return value;
}

/** `JSON.stringify` that prints version numbers with one decimal, as the real server does (§1.3). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer).replace(MARKED, "$1");
}

/** A JSON answer serialised with {@link toJson}. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): CatalogResponse {
  return { status, text: toJson(body), headers: { "content-type": "application/json", ...headers } };
}
