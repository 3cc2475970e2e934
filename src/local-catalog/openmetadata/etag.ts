import { createHash } from "node:crypto";
import { formatVersion } from "./json.js";

/**
 * The strong ETag of a single-entity GET: the first 16 hex digits of SHA-256 over
 * `<version>-<updatedAt>`, version printed like Java `Double` (docs/upstream/openmetadata.md §6.1), quoted.
 */
export function entityEtag(version: number, updatedAt: number): string {
  const digest = createHash("sha256").update(`${formatVersion(version)}-${updatedAt}`).digest("hex");
  return `"${digest.slice(0, 16)}"`;
}

/**
 * Whether an `If-Match` header admits the entity (§6.2): any comma-separated entry that is `*`, the
 * current strong tag, or the weak tag `W/"<version>"`. An absent or blank header always admits.
 */
export function ifMatchAdmits(header: string | undefined, version: number, updatedAt: number): boolean {
  if (header === undefined || header.trim() === "") return true;
  const strong = entityEtag(version, updatedAt);
  return header.split(",").some((raw) => {
    const entry = raw.trim();
    if (entry === "*" || entry === strong || entry === strong.slice(1, -1)) return true;
    const weak = /^W\/"([^"]*)"$/.exec(entry);
    if (!weak) return false;
    const value = Number(weak[1]);
    return weak[1] !== "" && Number.isFinite(value) && Math.abs(value - version) < 1e-9;
  });
}

/** The 412 text of a failed `If-Match` (§6.2); the current tag keeps its double quotes. */
export function preconditionFailedMessage(version: number, updatedAt: number): string {
  return `The entity has been modified. Current ETag: ${entityEtag(version, updatedAt)}. Please refresh and retry with the latest version.`;
}
