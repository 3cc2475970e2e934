import { isPlainObject } from "../plain-object.js";
import { invalidEntity, WmlHttpError } from "./errors.js";
import { iso } from "./guard.js";
import { ASSET_PATCH_ALONE_TEXT, describe, inputSchemasMatch, redeployOutcomeOf, SCHEMA_MISMATCH_TEXT } from "./lifecycle.js";
import { allow, objectValue, patchArray, stringArray, stringValue, toOperation, type PatchOperation } from "./patch-operation.js";
import { servingNameTaken, validateServingName } from "./serving-name.js";
import { resolveHardwareSpec } from "./specs.js";
import type { AssetRel, DeploymentDoc, DeploymentRecord, ModelDoc } from "./store.js";

/** What a deployment patch needs from its surroundings. */
export interface DeploymentPatchContext {
  now: number;
  /** How long an `/asset`, serving-name, owner or scaling change stays in progress. */
  updateDelayMs: number;
  /** The model an asset reference points at in the deployment's container; `undefined` when absent. */
  findModel(asset: AssetRel): ModelDoc | undefined;
  /** The id of the deployment holding a serving name, if any. */
  servingNameOwner(name: string): string | undefined;
}

const OPS = ["add", "remove", "replace"];

/**
 * Applies a JSON Patch to a deployment (docs/upstream/wml.md §4.6): ops `add`/`remove`/`replace` only, paths
 * per §4.6.1, `/asset` alone and replace-only (§4.6.2-§4.6.3). Mutates `record` and answers the HTTP
 * status: 200 for metadata, 202 when the deployment goes `updating` or scales.
 */
export function applyDeploymentPatch(record: DeploymentRecord, body: unknown, ctx: DeploymentPatchContext): 200 | 202 {
  const ops = patchArray(body).map(toOperation);
  if (ops.some((o) => o.path === "/asset") && ops.length > 1) throw new WmlHttpError(400, "invalid_request_entity", ASSET_PATCH_ALONE_TEXT);
  for (const o of ops) {
    if (!OPS.includes(o.op)) throw invalidEntity(`patch operation '${o.op}' is not supported; use add, remove or replace.`);
  }
  if (ops[0].path === "/asset") return patchAsset(record, ops[0], ctx);

  const doc = structuredClone(record.doc);
  let restart = false;
  let scaleTo: number | undefined;
  for (const o of ops) {
    switch (o.path) {
      case "/name":
        allow(o, ["add", "replace"]);
        doc.metadata.name = doc.entity.name = nonEmptyString(o);
        break;
      case "/description":
        if (o.op === "remove") {
          delete doc.metadata.description;
          delete doc.entity.description;
        } else {
          doc.metadata.description = doc.entity.description = stringValue(o);
        }
        break;
      case "/tags":
        if (o.op === "remove") {
          delete doc.metadata.tags;
          delete doc.entity.tags;
        } else {
          const tags = stringArray(o);
          doc.metadata.tags = tags;
          doc.entity.tags = [...tags];
        }
        break;
      case "/custom":
        doc.entity.custom = o.op === "remove" ? {} : objectValue(o);
        break;
      case "/online/parameters":
        allow(o, ["add", "replace"]);
        patchServingParameters(doc, o, ctx);
        restart = true;
        break;
      case "/hardware_spec":
        allow(o, ["replace"]);
        scaleTo = patchHardwareSpec(doc, o) ?? scaleTo;
        break;
      case "/metadata/owner":
        allow(o, ["replace"]);
        doc.metadata.owner = nonEmptyString(o);
        restart = true;
        break;
      case "/prompt_template":
        throw invalidEntity("patch path '/prompt_template' can only be used on a deployment that has a prompt_template.");
      default:
        throw invalidEntity(`patch path '${o.path}' is not supported.`);
    }
  }
  const state = record.doc.entity.status.state;
  if (restart && (state === "initializing" || state === "updating")) throw updateInProgress(record);
  doc.metadata.modified_at = iso(ctx.now);
  const dueAt = ctx.now + ctx.updateDelayMs;
  if (restart) {
    record.pending.push({ kind: "restart", dueAt, resume: state });
    doc.entity.status.state = "updating";
  }
  if (scaleTo !== undefined) {
    const before = record.doc.entity.hardware_spec.num_nodes ?? 1;
    doc.entity.status.scaling = { state: "in_progress", attempted_at: iso(ctx.now), requested_replicas: scaleTo, deployed_replicas: before };
    record.pending = record.pending.filter((s) => s.kind !== "scaling");
    record.pending.push({ kind: "scaling", dueAt });
  }
  record.doc = doc;
  return restart || scaleTo !== undefined ? 202 : 200;
}

function patchAsset(record: DeploymentRecord, o: PatchOperation, ctx: DeploymentPatchContext): 200 | 202 {
  allow(o, ["replace"]);
  const { metadata, entity } = record.doc;
  if (!entity.asset) throw invalidEntity("patch path '/asset' can only be used on a deployment that has an asset.");
  const requested = parseAssetRel(o.value, "the value of '/asset'");
  const next = ctx.findModel(requested);
  if (!next) throw invalidEntity(`asset '${describe(requested)}' does not exist in this space.`);
  const previous = entity.asset;
  if (entity.status.state === "initializing" || entity.status.state === "updating") throw updateInProgress(record);
  if (previous.id === requested.id && previous.rev === requested.rev && entity.status.state === "ready" && !entity.status.failure) return 200;

  const mismatch = !inputSchemasMatch(ctx.findModel(previous), next);
  entity.asset = requested;
  entity.status = { ...entity.status, state: "updating" };
  delete entity.status.failure;
  delete entity.status.message;
  if (mismatch) entity.status.message = { level: "warning", text: SCHEMA_MISMATCH_TEXT };
  metadata.modified_at = iso(ctx.now);
  record.pending.push({ kind: "asset", dueAt: ctx.now + ctx.updateDelayMs, outcome: redeployOutcomeOf(next), previous, requested });
  return 202;
}

/**
 * An asset reference as given in a create body or an `/asset` patch: `id` a non-empty string, `rev` a
 * string when present (docs/upstream/wml.md §3.2, §1.5). `label` names the value in the refusal.
 */
export function parseAssetRel(value: unknown, label: string): AssetRel {
  if (!isPlainObject(value) || typeof value.id !== "string" || value.id === "") throw invalidEntity(`${label} needs an 'id' string.`);
  if (value.rev !== undefined && typeof value.rev !== "string") throw invalidEntity(`asset rev must be a string, got ${JSON.stringify(value.rev)}.`);
  return value.rev === undefined ? { id: value.id } : { id: value.id, rev: value.rev };
}

function patchServingParameters(doc: DeploymentDoc, o: PatchOperation, ctx: DeploymentPatchContext): void {
  const online = doc.entity.online;
  if (!online) throw invalidEntity("patch path '/online/parameters' can only be used on an online deployment.");
  if (o.op === "replace" && online.parameters === undefined) {
    throw invalidEntity("the deployment has no online parameters yet; use 'add' for '/online/parameters'.");
  }
  const parameters = objectValue(o);
  if (parameters.serving_name !== undefined) {
    const name = validateServingName(parameters.serving_name);
    const owner = ctx.servingNameOwner(name);
    if (owner !== undefined && owner !== doc.metadata.id) throw servingNameTaken(name);
  }
  online.parameters = parameters;
}

/** Applies `/hardware_spec`; answers the requested node count when an online deployment scales. */
function patchHardwareSpec(doc: DeploymentDoc, o: PatchOperation): number | undefined {
  const spec = resolveHardwareSpec(o.value);
  const current = doc.entity.hardware_spec;
  if (doc.entity.batch) {
    if (spec.num_nodes !== undefined) throw invalidEntity("hardware_spec.num_nodes is not supported for batch deployments.");
    doc.entity.hardware_spec = spec;
    return undefined;
  }
  if (spec.num_nodes === undefined || spec.num_nodes === (current.num_nodes ?? 1)) return undefined;
  doc.entity.hardware_spec = { ...current, num_nodes: spec.num_nodes };
  return spec.num_nodes;
}

function updateInProgress(record: DeploymentRecord): WmlHttpError {
  return new WmlHttpError(
    409,
    "deployment_update_in_progress",
    `Deployment with id '${record.doc.metadata.id}' is in state '${record.doc.entity.status.state}'. Re-try when the deployment is ready.`,
  );
}

function nonEmptyString(o: PatchOperation): string {
  const value = stringValue(o);
  if (value.trim() === "") throw invalidEntity(`the value of '${o.path}' must not be empty.`);
  return value;
}
