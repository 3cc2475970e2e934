import type { ChangeDescription, Entity, EntityReference, FieldChange, TagLabel } from "./types.js";

/** The three lists of a change, without `previousVersion`. */
export interface FieldChanges {
  fieldsAdded: FieldChange[];
  fieldsUpdated: FieldChange[];
  fieldsDeleted: FieldChange[];
}

/** The connection placeholders recorded instead of secrets (docs/upstream/openmetadata.md §5.3). */
export const OLD_CONNECTION = JSON.stringify("old-encrypted-value");
export const NEW_CONNECTION = JSON.stringify("new-encrypted-value");

/**
 * How the server records a change of one field (§5.3): `scalar` with its raw values; `json` as a
 * JSON-encoded value (references, objects); `list` with JSON-encoded strings of the added / removed /
 * changed items only, matched by `key` (reordering is no change); `secret` with placeholder strings.
 */
export type ChangeField =
  | { readonly name: string; readonly how: "scalar" | "json" | "secret" }
  | { readonly name: string; readonly how: "list"; readonly key: (item: any) => string };

const byId = (r: EntityReference) => r.id;
const byName = (item: { name: string }) => item.name;

/** A scalar field. */
export const scalar = (name: string): ChangeField => ({ name, how: "scalar" });
/** A field recorded as JSON. */
export const json = (name: string): ChangeField => ({ name, how: "json" });
/** A list of references, matched by id. */
export const references = (name: string): ChangeField => ({ name, how: "list", key: byId });
/** A list of named items (tasks, features, hyper-parameters), matched by name. */
export const named = (name: string): ChangeField => ({ name, how: "list", key: byName });

/** The fields every kind records first, in the server's order. */
export const COMMON_CHANGE_FIELDS: readonly ChangeField[] = [
  scalar("description"),
  scalar("displayName"),
  scalar("deleted"),
  references("owners"),
  { name: "tags", how: "list", key: (t: TagLabel) => t.tagFQN },
  references("domains"),
  references("dataProducts"),
  references("followers"),
  scalar("entityStatus"),
];

/** What changed between two states of an entity, over the kind's fields, as the server records it (§5.3). */
export function diffEntities(before: Entity, after: Entity, fields: readonly ChangeField[]): FieldChanges {
  const changes: FieldChanges = { fieldsAdded: [], fieldsUpdated: [], fieldsDeleted: [] };
  for (const field of fields) {
    const old = before[field.name];
    const now = after[field.name];
    if (field.how === "scalar") scalarChange(changes, field.name, old, now);
    else if (field.how === "json") scalarChange(changes, field.name, encode(old), encode(now));
    else if (field.how === "list") listChange(changes, field.name, old as unknown[] | undefined, now as unknown[] | undefined, field.key);
    else secretChange(changes, field.name, old, now);
  }
  return changes;
}

function encode(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : JSON.stringify(value);
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

function secretChange(changes: FieldChanges, name: string, before: unknown, after: unknown): void {
  const had = before !== undefined && before !== null;
  const has = after !== undefined && after !== null;
  if (!had && has) changes.fieldsAdded.push({ name, newValue: NEW_CONNECTION });
  else if (had && !has) changes.fieldsDeleted.push({ name, oldValue: OLD_CONNECTION });
  else if (had && has && canonical(before) !== canonical(after)) changes.fieldsUpdated.push({ name, oldValue: OLD_CONNECTION, newValue: NEW_CONNECTION });
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
