import { badInput } from "../../errors.js";
import { buildPatch, isEmptyObject, jsonObject, nonEmptyString, sameSpec, stringList, stringValue, type FieldRule, type PatchOperation, type SpecReference } from "../patch-table.js";
import type { PatchablePath } from "../raw-patch.js";
import type { ModelResource } from "./resource.js";

/** `UpdateModelInput` as resolvers receive it: omitted = undefined, explicit null = null. */
export interface ModelChanges {
  name?: string | null;
  description?: string | null;
  tags?: readonly string[] | null;
  custom?: unknown;
  softwareSpec?: { id?: string | null; name?: string | null } | null;
  modelVersion?: { number?: string | null; tag?: string | null; description?: string | null } | null;
}

/** The model's patchable paths and their ops (docs/upstream/wml.md §5.5); everything else needs a new model or revision. */
const MODEL_FIELDS: ReadonlyArray<FieldRule<ModelResource, ModelChanges>> = [
  { input: "name", path: "/name", ops: ["add", "replace"], current: (m) => m.metadata.name, value: (v) => nonEmptyString("name", v), noClear: "a model always has a name" },
  { input: "description", path: "/description", ops: ["add", "replace", "remove"], current: (m) => m.metadata.description, value: (v) => stringValue("description", v) },
  { input: "tags", path: "/tags", ops: ["add", "replace", "remove"], current: (m) => m.metadata.tags, value: (v) => stringList("tags", v) },
  { input: "custom", path: "/custom", ops: ["add", "replace", "remove"], current: (m) => m.entity.custom, isUnset: isEmptyObject, value: (v) => jsonObject("custom", v) },
  {
    input: "softwareSpec",
    path: "/software_spec",
    ops: ["replace"],
    current: (m) => m.entity.software_spec,
    value: softwareSpecValue,
    unchanged: (current, next) => sameSpec((current ?? {}) as SpecReference, next as SpecReference),
    noClear: "a model always has a software specification (WML allows replace only on /software_spec)",
  },
  { input: "modelVersion", path: "/model_version", ops: ["add", "replace"], current: (m) => m.entity.model_version, value: modelVersionValue, noClear: "WML allows add and replace only on /model_version" },
];

/** The model's patchable paths as raw `patchModel` operations are checked against (docs/upstream/wml.md §5.5). */
export const MODEL_PATCHABLE: readonly PatchablePath[] = MODEL_FIELDS.map((rule) => ({ path: rule.path, ops: rule.ops }));

/**
 * The JSON Patch for `updateModel` (pure; docs/upstream/wml.md §5.5): omitted fields untouched, `null`
 * removes description, tags or custom and is refused for the others, unchanged values send nothing.
 */
export function toModelPatch(current: ModelResource, input: ModelChanges): PatchOperation[] {
  return buildPatch(MODEL_FIELDS, current, input).map((e) => e.op);
}

/** Exactly one of `id` or `name` (docs/upstream/wml.md §3.2). */
function softwareSpecValue(value: unknown): { id: string } | { name: string } {
  const input = value as NonNullable<ModelChanges["softwareSpec"]>;
  const id = input.id ?? undefined;
  const name = input.name ?? undefined;
  if ((id === undefined) === (name === undefined)) throw badInput("softwareSpec", "give exactly one of id and name");
  return id !== undefined ? { id: nonEmptyString("softwareSpec.id", id) } : { name: nonEmptyString("softwareSpec.name", name) };
}

function modelVersionValue(value: unknown): Record<string, string> {
  const input = value as NonNullable<ModelChanges["modelVersion"]>;
  const out: Record<string, string> = {};
  for (const key of ["number", "tag", "description"] as const) {
    const v = input[key];
    if (v !== undefined && v !== null) out[key] = v;
  }
  if (Object.keys(out).length === 0) throw badInput("modelVersion", "give at least one of number, tag and description");
  return out;
}
