import { randomUUID } from "node:crypto";
import { isPlainObject } from "../plain-object.js";
import { invalidEntity } from "./errors.js";
import { iso, rejectTags } from "./guard.js";
import { allow, objectValue, patchArray, stringArray, stringValue, toOperation } from "./patch-operation.js";
import { resolveSoftwareSpec } from "./specs.js";
import type { ModelDoc } from "./store.js";

/** The model paths and the ops each allows (docs/upstream/wml.md §5.5). */
export const MODEL_PATCH_PATHS: Readonly<Record<string, readonly string[]>> = {
  "/tags": ["add", "replace", "remove"],
  "/name": ["add", "replace"],
  "/description": ["add", "replace", "remove"],
  "/custom": ["add", "replace", "remove"],
  "/software_spec": ["replace"],
  "/model_version": ["add", "replace"],
};

/**
 * Applies a JSON Patch to a model's current copy (docs/upstream/wml.md §5.5): only the paths and ops of
 * `MODEL_PATCH_PATHS`, anything else 400; a new `modified_at` and `resource_key` on success.
 */
export function applyModelPatch(model: ModelDoc, body: unknown, now: number, retiredSoftwareSpecs: readonly string[]): ModelDoc {
  const doc = structuredClone(model);
  for (const raw of patchArray(body)) {
    const o = toOperation(raw);
    const { op, path, value } = o;
    const ops = MODEL_PATCH_PATHS[path];
    if (!ops) throw invalidEntity(`patch path '${path}' is not supported for models; create a new model or revision instead.`);
    allow(o, ops);
    switch (path) {
      case "/tags":
        if (op === "remove") delete doc.metadata.tags;
        else doc.metadata.tags = stringArray(o);
        break;
      case "/name":
        if (typeof value !== "string" || value.trim() === "") throw invalidEntity("the value of '/name' must be a non-empty string.");
        rejectTags(value);
        doc.metadata.name = value;
        break;
      case "/description":
        if (op === "remove") delete doc.metadata.description;
        else doc.metadata.description = stringValue(o);
        break;
      case "/custom":
        if (op === "remove") delete doc.entity.custom;
        else doc.entity.custom = objectValue(o);
        break;
      case "/software_spec":
        doc.entity.software_spec = resolveSoftwareSpec(value, retiredSoftwareSpecs);
        break;
      case "/model_version":
        if (!isPlainObject(value)) throw invalidEntity("the value of '/model_version' must be an object {number, tag, description}.");
        doc.entity.model_version = value;
        break;
    }
  }
  doc.metadata.modified_at = iso(now);
  doc.metadata.resource_key = randomUUID();
  return doc;
}
