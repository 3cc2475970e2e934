import { changedFields, type FieldChanges } from "./change-description.js";
import type { Entity } from "./types.js";

/** The write operations the updater distinguishes (docs/upstream/openmetadata.md §5). */
export type Operation = "PUT" | "PATCH" | "DELETE" | "RESTORE";

/** The session window of same-user consolidation: ten minutes (§5.2 rule 7). */
export const DEFAULT_SESSION_TIMEOUT_MS = 600_000;

/** The first version of every entity. */
export const FIRST_VERSION = 0.1;

/** A minor bump rounded to one decimal, so 0.9 becomes 1.0 (§5.1). */
export function nextVersion(version: number): number {
  return Math.round(version * 10 + 1) / 10;
}

/** Everything the consolidation rules look at. */
export interface ConsolidationInput {
  operation: Operation;
  /** A non-empty `If-Match` header came with the request. */
  ifMatch: boolean;
  stored: Entity;
  caller: string;
  now: number;
  sessionTimeoutMs: number;
  incremental: FieldChanges;
  /** The request's change source (`?changeSource=`), if any. */
  changeSource?: string;
}

/**
 * Whether a change is merged into the stored version instead of creating a new one: the nine rules of
 * §5.2, all of which must hold.
 */
export function consolidates(input: ConsolidationInput): boolean {
  const { stored } = input;
  const change = stored.changeDescription;
  return (
    input.operation === "PATCH" && // rule 1
    !input.ifMatch && // rule 2
    Math.round(stored.version * 10) > 1 && // rule 3
    !stored.deleted && // rule 4
    change !== undefined && // rule 5
    change.previousVersion !== undefined &&
    change.previousVersion !== null &&
    stored.updatedBy === input.caller && // rule 6
    input.now - stored.updatedAt <= input.sessionTimeoutMs && // rule 7
    !touchesName(change) && // rule 8
    !touchesName(input.incremental) &&
    !sameChangeSource(stored, input.changeSource) // rule 9
  );
}

function touchesName(changes: FieldChanges): boolean {
  return changedFields(changes).some((name) => name === "name" || name === "fullyQualifiedName");
}

/** Rule 9: the latest `changeSummary` entry has a change source equal to this request's. */
function sameChangeSource(stored: Entity, source: string | undefined): boolean {
  const summary = stored.changeDescription?.changeSummary;
  if (!summary) return false;
  let latest: { changeSource?: string; changedAt?: number } | undefined;
  for (const entry of Object.values(summary)) {
    if (!latest || (entry.changedAt ?? 0) >= (latest.changedAt ?? 0)) latest = entry;
  }
  return latest?.changeSource !== undefined && latest.changeSource === source;
}
