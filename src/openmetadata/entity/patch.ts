import jsonpatch from "fast-json-patch";
import type { Operation } from "fast-json-patch";
import type { RelationField } from "./api.js";
import type { EntityResource } from "./resource.js";
import { isPlainObject } from "../../plain-object.js";
import { SECRET_MASK } from "../../security/secrets.js";

const { escapePathComponent, _areEquals: deepEqual } = jsonpatch;

/** An RFC 6902 operation as the gateway builds, sends and reports it. */
export type PatchOperation = Operation;

/** A tag label as a PATCH carries it (§2.4: the four required keys). */
export interface TagLabelValue {
  tagFQN: string;
  source: string;
  labelType: string;
  state: string;
}

/**
 * What an update asks for, already in wire values, by input field name: a key left `undefined` is not
 * touched, `null` clears. A keyed object (a service's `connection`) is merged onto the stored one by
 * the same rule, key by key (a key left out is kept, a null key removed); a `*********` inside it means
 * "keep the stored secret" (§1.3, §12.16).
 */
export type EntityChanges = Readonly<Record<string, unknown>>;

/** How one updatable field becomes operations. */
export interface PatchField {
  /** The input field (and, unless `path` says otherwise, the document member). */
  readonly name: string;
  /** The JSON Pointer of the field on the entity document. */
  readonly path: string;
  /** For inputs given as names or FQNs (`domains`): the entity type they name, resolved to `{id, type}` references. */
  readonly reference?: string;
  /** The relation to read the snapshot with (`fields`, §1.3), for fields populated only on request. */
  readonly relation?: RelationField;
  /**
   * `scalar`: one add/replace/remove of the value (`null` removes it; objects compare deeply). `list`: one add/replace of the
   * whole array, never index paths (§7.2, §11; `null` sets the empty list). `keyed-object`: only the
   * keys that differ, below the path (`null` removes the whole object, unless `required`).
   */
  readonly shape: "scalar" | "list" | "keyed-object";
  /**
   * For a keyed object, what its members are. `merged` (the default, a config object such as a service's
   * connection): nested objects merge the same way and a masked secret keeps the stored one. `whole`
   * (custom properties): each key is one value, set or removed whole, the mask being a value like any other.
   */
  readonly members?: "merged" | "whole";
  /** For lists: what makes two items the same (order is not a change upstream, §5.3); for a scalar reference, what makes it the same reference. */
  readonly identity?: (item: unknown) => string;
  /** A field the upstream requires: `null` is refused ({@link UnclearableFieldError}) instead of removing it. */
  readonly required?: true;
}

export const referenceIdentity = (item: unknown) => {
  const ref = item as { id: string; type: string };
  return `${ref.type}:${ref.id}`;
};
const tagIdentity = (item: unknown) => {
  const tag = item as TagLabelValue;
  return [tag.tagFQN, tag.source, tag.labelType, tag.state].join("\u0000");
};

/** The fields every kind may update (patchable fields: docs/upstream/openmetadata.md §3.6). */
export const COMMON_PATCH_FIELDS: readonly PatchField[] = [
  { name: "description", path: "/description", shape: "scalar" },
  { name: "displayName", path: "/displayName", shape: "scalar" },
  { name: "owners", path: "/owners", relation: "owners", shape: "list", identity: referenceIdentity },
  { name: "tags", path: "/tags", relation: "tags", shape: "list", identity: tagIdentity },
  { name: "domains", path: "/domains", reference: "domain", relation: "domains", shape: "list", identity: referenceIdentity },
  { name: "dataProducts", path: "/dataProducts", reference: "dataProduct", relation: "dataProducts", shape: "list", identity: referenceIdentity },
];

/** The fields of `table` an update touches (present in `changes`, `null` included). */
function touchedFields(table: readonly PatchField[], changes: EntityChanges): PatchField[] {
  return table.filter((field) => changes[field.name] !== undefined);
}

/** The relations a snapshot must be read with to compute the patch of `changes`: exactly those it touches. */
export function relationsFor(table: readonly PatchField[], changes: EntityChanges): RelationField[] {
  return touchedFields(table, changes).flatMap((field) => (field.relation ? [field.relation] : []));
}

/** Thrown for a `null` on a field that cannot be cleared; the caller names the input field. */
export class UnclearableFieldError extends Error {
  override readonly name = "UnclearableFieldError";
  constructor(readonly field: string) {
    super(`${field} cannot be cleared`);
  }
}

/**
 * The JSON Patch that turns `snapshot` into what `changes` ask for: a pure function driven by the
 * kind's patch table. Omitted fields give no operation; a value equal to the stored one gives none
 * either, so an input that changes nothing gives `[]`. The snapshot must have been read with
 * {@link relationsFor} (§10: a diff base without the relations would replace them blindly).
 */
export function toEntityPatch(table: readonly PatchField[], snapshot: EntityResource, changes: EntityChanges): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const field of touchedFields(table, changes)) {
    const wanted = changes[field.name];
    if (field.shape === "keyed-object") {
      if (wanted === null) {
        if (field.required) throw new UnclearableFieldError(field.name);
        if (isPlainObject(pointed(snapshot, field.path))) ops.push({ op: "remove", path: field.path });
        continue;
      }
      ops.push(...keyedObjectOps(snapshot, field.path, wanted as Record<string, unknown>, field.members ?? "merged"));
      continue;
    }
    const key = field.path.slice(1);
    const has = snapshot[key] !== undefined && snapshot[key] !== null;
    if (field.shape === "scalar") {
      const same = field.identity ? has && field.identity(snapshot[key]) === field.identity(wanted) : deepEqual(snapshot[key], wanted);
      if (wanted === null) {
        if (field.required) throw new UnclearableFieldError(field.name);
        if (has) ops.push({ op: "remove", path: field.path });
      } else if (!has) {
        ops.push({ op: "add", path: field.path, value: wanted });
      } else if (!same) {
        ops.push({ op: "replace", path: field.path, value: wanted });
      }
      continue;
    }
    const identity = field.identity ?? JSON.stringify;
    const list = wanted === null ? [] : uniqueBy(wanted as unknown[], identity);
    const current = Array.isArray(snapshot[key]) ? (snapshot[key] as unknown[]) : [];
    if (sameMembers(current, list, identity)) continue;
    ops.push({ op: has ? "replace" : "add", path: field.path, value: list });
  }
  return ops;
}

/** The value at a pointer of plain tokens (`/connection/config`), undefined where the way is missing. */
function pointed(snapshot: EntityResource, path: string): unknown {
  let current: unknown = snapshot;
  for (const token of path.split("/").slice(1)) current = isPlainObject(current) ? current[token] : undefined;
  return current;
}

/**
 * The operations on the object at `path` (`/connection/config`, `/extension`): only the keys that
 * differ. Where the document has no object on the way, the first missing one is added whole.
 */
function keyedObjectOps(snapshot: EntityResource, path: string, wanted: Record<string, unknown>, members: "merged" | "whole"): PatchOperation[] {
  const tokens = path.split("/").slice(1);
  let current: unknown = snapshot;
  for (let depth = 0; depth < tokens.length; depth++) {
    const next = (current as Record<string, unknown>)[tokens[depth]];
    if (!isPlainObject(next)) {
      let value: unknown = newValue(wanted, members);
      if (members === "whole" && Object.keys(value as object).length === 0) return [];
      for (const token of tokens.slice(depth + 1).reverse()) value = { [token]: value };
      return [{ op: "add", path: `/${tokens.slice(0, depth + 1).join("/")}`, value }];
    }
    current = next;
  }
  const ops: PatchOperation[] = [];
  diffObject(current as Record<string, unknown>, wanted, path, members, ops);
  return ops;
}

/**
 * Member-by-member merge of `wanted` onto `current`, as for the input's own fields: a member left out
 * is not touched, `null` removes it (the server omits nulls, §1.3), anything else is set. With `merged`
 * members, nested objects recurse and the mask never becomes a value; with `whole` ones, each member is
 * one value (arrays always are).
 */
function diffObject(current: Record<string, unknown>, wanted: Record<string, unknown>, base: string, members: "merged" | "whole", ops: PatchOperation[]): void {
  for (const [key, value] of Object.entries(wanted)) {
    const path = `${base}/${escapePathComponent(key)}`;
    const stored = current[key];
    const present = key in current && stored !== undefined;
    if (value === undefined || (members === "merged" && value === SECRET_MASK)) continue;
    if (value === null) {
      if (present) ops.push({ op: "remove", path });
      continue;
    }
    if (!present) {
      ops.push({ op: "add", path, value: newValue(value, members) });
    } else if (members === "merged" && isPlainObject(stored) && isPlainObject(value)) {
      diffObject(stored, value, path, members, ops);
    } else if (!deepEqual(stored, value)) {
      ops.push({ op: "replace", path, value: newValue(value, members) });
    }
  }
}

/**
 * What may travel as a new value: for `merged` members, without masked secrets and null members; for
 * `whole` ones, the top-level null members left out (they remove nothing that exists).
 */
function newValue(value: unknown, members: "merged" | "whole"): unknown {
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === null || member === undefined) continue;
    if (members === "whole") {
      out[key] = member;
    } else if (member !== SECRET_MASK) {
      out[key] = newValue(member, members);
    }
  }
  return out;
}

function sameMembers(current: unknown[], wanted: unknown[], identity: (item: unknown) => string): boolean {
  const a = current.map(identity).sort();
  const b = wanted.map(identity).sort();
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function uniqueBy<T>(items: T[], identity: (item: unknown) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = identity(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
