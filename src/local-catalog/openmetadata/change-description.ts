import type { ChangeDescription, EntityReference, FieldChange, ServiceEntity, TagLabel } from "./types.js";

/** The three lists of a change, without `previousVersion`. */
export interface FieldChanges {
  fieldsAdded: FieldChange[];
  fieldsUpdated: FieldChange[];
  fieldsDeleted: FieldChange[];
}

/** The connection placeholders recorded instead of secrets (openmetadata-contract.md §5.3). */
export const OLD_CONNECTION = JSON.stringify("old-encrypted-value");
export const NEW_CONNECTION = JSON.stringify("new-encrypted-value");

type Scalar = "description" | "displayName" | "entityStatus" | "deleted";
type ReferenceList = "domains" | "dataProducts" | "followers";

const SCALARS_BEFORE: Scalar[] = ["description", "displayName", "deleted"];
/** Reference lists compared by id after `owners` and `tags`, in the order the server records them. */
const REFERENCE_LISTS: ReferenceList[] = ["domains", "dataProducts", "followers"];

/**
 * What changed between two states of a service, as the server records it (§5.3): scalars with their raw
 * values; list fields with JSON-encoded strings of the added / removed / changed items only (reordering
 * is no change); `connection` with placeholder strings; `ingestionRunner` as a JSON-encoded reference.
 */
export function diffServices(before: ServiceEntity, after: ServiceEntity): FieldChanges {
  const changes: FieldChanges = { fieldsAdded: [], fieldsUpdated: [], fieldsDeleted: [] };
  for (const field of SCALARS_BEFORE) scalarChange(changes, field, before[field], after[field]);
  listChange(changes, "owners", before.owners, after.owners, (r) => r.id);
  listChange(changes, "tags", before.tags, after.tags, (t: TagLabel) => t.tagFQN);
  for (const field of REFERENCE_LISTS) listChange(changes, field, before[field], after[field], (r: EntityReference) => r.id);
  scalarChange(changes, "entityStatus", before.entityStatus, after.entityStatus);
  const runnerBefore = before.ingestionRunner === undefined ? undefined : JSON.stringify(before.ingestionRunner);
  const runnerAfter = after.ingestionRunner === undefined ? undefined : JSON.stringify(after.ingestionRunner);
  scalarChange(changes, "ingestionRunner", runnerBefore, runnerAfter);
  connectionChange(changes, before.connection, after.connection);
  return changes;
}

/** Whether a change records nothing. */
export function isEmptyChange(changes: FieldChanges): boolean {
  return changes.fieldsAdded.length + changes.fieldsUpdated.length + changes.fieldsDeleted.length === 0;
}

/** The names of the fields a change touches. */
export function changedFields(changes: FieldChanges | ChangeDescription | undefined): string[] {
  if (!changes) return [];
  return [...changes.fieldsAdded, ...changes.fieldsUpdated, ...changes.fieldsDeleted].map((c) => c.name);
}

function scalarChange(changes: FieldChanges, name: string, before: unknown, after: unknown): void {
  const had = before !== undefined && before !== null;
  const has = after !== undefined && after !== null;
  if (!had && has) changes.fieldsAdded.push({ name, newValue: after });
  else if (had && !has) changes.fieldsDeleted.push({ name, oldValue: before });
  else if (had && has && before !== after) changes.fieldsUpdated.push({ name, oldValue: before, newValue: after });
}

function listChange<T>(changes: FieldChanges, name: string, before: T[] | undefined, after: T[] | undefined, key: (item: T) => string): void {
  const old = new Map((before ?? []).map((item) => [key(item), item]));
  const now = new Map((after ?? []).map((item) => [key(item), item]));
  const added: T[] = [];
  const deleted: T[] = [];
  const updatedOld: T[] = [];
  const updatedNew: T[] = [];
  for (const [k, item] of now) {
    const previous = old.get(k);
    if (previous === undefined) added.push(item);
    else if (canonical(previous) !== canonical(item)) {
      updatedOld.push(previous);
      updatedNew.push(item);
    }
  }
  for (const [k, item] of old) if (!now.has(k)) deleted.push(item);
  if (added.length > 0) changes.fieldsAdded.push({ name, newValue: JSON.stringify(added) });
  if (updatedNew.length > 0) changes.fieldsUpdated.push({ name, oldValue: JSON.stringify(updatedOld), newValue: JSON.stringify(updatedNew) });
  if (deleted.length > 0) changes.fieldsDeleted.push({ name, oldValue: JSON.stringify(deleted) });
}

function connectionChange(changes: FieldChanges, before: ServiceEntity["connection"], after: ServiceEntity["connection"]): void {
  const had = before !== undefined && before !== null;
  const has = after !== undefined && after !== null;
  if (!had && has) changes.fieldsAdded.push({ name: "connection", newValue: NEW_CONNECTION });
  else if (had && !has) changes.fieldsDeleted.push({ name: "connection", oldValue: OLD_CONNECTION });
  else if (had && has && canonical(before) !== canonical(after)) {
    changes.fieldsUpdated.push({ name: "connection", oldValue: OLD_CONNECTION, newValue: NEW_CONNECTION });
  }
}

/** JSON with object keys sorted, so that key order never counts as a change. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
