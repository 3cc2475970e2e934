import { badInput } from "../../errors.js";
import { buildPatch, isEmptyObject, jsonObject, nonEmptyString, revisionArgument, sameSpec, stringList, stringValue, type FieldRule, type PatchOperation, type SpecReference } from "../patch-table.js";
import type { PatchablePath } from "../raw-patch.js";
import { descriptionOf, nameOf, tagsOf, type DeploymentResource } from "./resource.js";

import { idArgument, SERVING_NAME_PATTERN } from "../../security/ids.js";

/** `UpdateDeploymentInput` as resolvers receive it: omitted = undefined, explicit null = null. */
export interface DeploymentChanges {
  name?: string | null;
  description?: string | null;
  tags?: readonly string[] | null;
  custom?: unknown;
  servingName?: string | null;
  hardwareSpec?: { id?: string | null; name?: string | null; numNodes?: number | null } | null;
  owner?: string | null;
  asset?: { id: string; rev?: string | null } | null;
}

/**
 * Which PATCH a change travels in. `metadata` changes share one PATCH (200); a serving name or owner
 * change restarts the deployment, so each goes in a PATCH of its own (docs/upstream/wml.md §4.6.2, §9 item 6).
 */
export type PatchStepKind = "metadata" | "servingName" | "owner" | "asset";

/** The order the PATCH calls of one update are sent in: metadata first, then the restarting change (an asset change is always alone). */
const STEP_ORDER: readonly PatchStepKind[] = ["metadata", "servingName", "owner"];

/** One PATCH call of an update. */
export interface PatchStep {
  kind: PatchStepKind;
  ops: PatchOperation[];
}

type Rule = FieldRule<DeploymentResource, DeploymentChanges> & { step: PatchStepKind };

/** The patchable deployment fields (docs/upstream/wml.md §4.6.1); `/asset` is separate (`toAssetPatch`). */
const DEPLOYMENT_FIELDS: readonly Rule[] = [
  {
    input: "name",
    path: "/name",
    ops: ["add", "replace"],
    step: "metadata",
    current: nameOf,
    value: (v) => nonEmptyString("name", v),
    noClear: "a deployment always has a name",
  },
  { input: "description", path: "/description", ops: ["add", "replace", "remove"], step: "metadata", current: descriptionOf, value: (v) => stringValue("description", v) },
  { input: "tags", path: "/tags", ops: ["add", "replace", "remove"], step: "metadata", current: tagsOf, value: (v) => stringList("tags", v) },
  { input: "custom", path: "/custom", ops: ["add", "replace", "remove"], step: "metadata", current: (d) => d.entity.custom, isUnset: isEmptyObject, value: (v) => jsonObject("custom", v) },
  {
    input: "hardwareSpec",
    path: "/hardware_spec",
    ops: ["replace"],
    step: "metadata",
    current: (d) => d.entity.hardware_spec,
    value: hardwareSpecValue,
    unchanged: (current, next) => sameHardware(current as DeploymentResource["entity"]["hardware_spec"], next as Record<string, unknown>),
    noClear: "a deployment always has a hardware specification",
  },
  {
    input: "servingName",
    path: "/online/parameters",
    ops: ["add", "replace"],
    step: "servingName",
    current: (d) => d.entity.online?.parameters,
    value: servingParameters,
    noClear: "WML can change a serving name but not remove it (/online/parameters allows add and replace only)",
  },
  { input: "owner", path: "/metadata/owner", ops: ["replace"], step: "owner", current: (d) => d.metadata.owner, value: (v) => nonEmptyString("owner", v), noClear: "a deployment always has an owner" },
];

/**
 * The JSON Patch calls for `updateDeployment` (pure; docs/upstream/wml.md §4.6): only `add`/`remove`/`replace`,
 * omitted fields untouched, `null` removes where WML allows it. Metadata changes go in the first PATCH;
 * a serving name or owner change goes alone in the next one (§4.6.2, §9 item 6). Changing the serving
 * name and the owner together is refused: the first puts the deployment in `updating` and WML refuses
 * another restart until it is ready. An asset change must be the only field set (§4.6.2).
 */
export function toDeploymentPatch(current: DeploymentResource, input: DeploymentChanges): { steps: PatchStep[]; patch: PatchOperation[] } {
  const asset = toAssetChange(input);
  if (asset) {
    // The asset already deployed (same id, same revision or both none) is no change: nothing is sent.
    if (sameAsset(current.entity.asset, asset[0].value as { id: string; rev?: string })) return { steps: [], patch: [] };
    return { steps: [{ kind: "asset", ops: asset }], patch: asset };
  }
  const entries = buildPatch(DEPLOYMENT_FIELDS, current, input);
  const steps: PatchStep[] = STEP_ORDER.map((kind) => ({ kind, ops: entries.filter((e) => (e.rule as Rule).step === kind).map((e) => e.op) })).filter((s) => s.ops.length > 0);
  if (steps.some((s) => s.kind === "servingName") && steps.some((s) => s.kind === "owner")) {
    throw badInput("owner", "servingName and owner each restart the deployment and cannot be changed in one update; change one, wait until the deployment is READY, then the other");
  }
  return { steps, patch: steps.flatMap((s) => s.ops) };
}

/** Whether a deployment's asset is the requested one: same id and same revision (both absent counts as the same). */
export function sameAsset(current: { id: string; rev?: string } | undefined, requested: { id: string; rev?: string }): boolean {
  return current !== undefined && current.id === requested.id && (current.rev ?? undefined) === (requested.rev ?? undefined);
}

/**
 * The deployment's patchable paths as raw `patchDeployment` operations are checked against
 * (docs/upstream/wml.md §4.6.1): the field table's paths, plus `/asset` and the other paths `updateDeployment`
 * has no input for. `/asset`, `/prompt_template`, a serving name and an owner change each travel alone
 * (§4.6.2: IBM's client refuses to combine them with anything).
 */
export const DEPLOYMENT_PATCHABLE: readonly PatchablePath[] = [
  ...DEPLOYMENT_FIELDS.map((rule) => ({ path: rule.path, ops: rule.ops, ...(rule.step !== "metadata" && { alone: true }) })),
  { path: "/asset", ops: ["replace"], alone: true },
  { path: "/prompt_template", ops: ["replace"], alone: true },
  { path: "/base_model_id", ops: ["replace"] },
  { path: "/hybrid_pipeline_hardware_specs", ops: ["replace"] },
  { path: "/hardware_request", ops: ["replace"] },
  { path: "/r_shiny/authentication", ops: ["replace"] },
  { path: "/r_shiny/parameters", ops: ["replace"] },
  { path: "/r_shiny/parameters/code_package", ops: ["replace"] },
];

/**
 * The asset change of an input, checked without reading anything: `undefined` when the input has none;
 * the one `replace /asset` operation when `asset` is the only field set; a BAD_USER_INPUT naming the
 * other fields when it is not (docs/upstream/wml.md §4.6.2: nothing rides along with `/asset`).
 */
export function toAssetChange(input: DeploymentChanges): PatchOperation[] | undefined {
  if (input.asset === undefined) return undefined;
  const others = Object.entries(input).filter(([key, value]) => key !== "asset" && value !== undefined).map(([key]) => key);
  if (others.length > 0) {
    throw badInput("asset", `an asset change must travel alone (WML refuses any other change in the same PATCH); also set: ${others.join(", ")}. Send the other changes in a separate updateDeployment`);
  }
  if (input.asset === null) throw badInput("asset", "a deployment's asset can be replaced, not removed");
  return toAssetPatch(input.asset);
}

/** The one operation of an asset replacement: `replace /asset` with `{id, rev}` (docs/upstream/wml.md §4.6.1, §4.6.3). */
export function toAssetPatch(asset: { id: string; rev?: string | null }): PatchOperation[] {
  const id = idArgument("asset.id", asset.id);
  if (asset.rev !== undefined && asset.rev !== null) revisionArgument("asset.rev", asset.rev);
  const value = asset.rev === undefined || asset.rev === null ? { id } : { id, rev: asset.rev };
  return [{ op: "replace", path: "/asset", value }];
}

/** `/online/parameters` is replaced whole, so the other parameters are carried over (docs/upstream/wml.md §9 item 8). */
function servingParameters(value: unknown, deployment: DeploymentResource): Record<string, unknown> {
  if (typeof value !== "string" || !SERVING_NAME_PATTERN.test(value)) {
    throw badInput("servingName", `expected 1 to 36 characters from [a-z0-9_], got ${JSON.stringify(value)}`);
  }
  if (!deployment.entity.online) throw badInput("servingName", "only online deployments have a serving name");
  return { ...deployment.entity.online.parameters, serving_name: value };
}

/**
 * `/hardware_spec` needs `id` or `name` beside `num_nodes` (docs/upstream/wml.md §4.6.1, §9 item 17): online
 * deployments only scale (`num_nodes`); batch deployments may change the specification but not scale.
 */
function hardwareSpecValue(value: unknown, deployment: DeploymentResource): Record<string, unknown> {
  const input = value as NonNullable<DeploymentChanges["hardwareSpec"]>;
  const current = deployment.entity.hardware_spec ?? {};
  const id = input.id ?? undefined;
  const name = input.name ?? undefined;
  const nodes = input.numNodes ?? undefined;
  if (id !== undefined && name !== undefined) throw badInput("hardwareSpec", "give at most one of id and name");
  if (nodes !== undefined && !(Number.isInteger(nodes) && nodes >= 1)) throw badInput("hardwareSpec.numNodes", `expected a positive integer, got ${nodes}`);
  const online = Boolean(deployment.entity.online);
  if (online && (id !== undefined || name !== undefined) && !sameSpec(current, { id, name })) {
    throw badInput("hardwareSpec", "an online deployment only scales: change numNodes; WML ignores a new id or name there");
  }
  if (!online && nodes !== undefined) throw badInput("hardwareSpec.numNodes", "batch deployments do not support numNodes");
  if (id === undefined && name === undefined && nodes === undefined) throw badInput("hardwareSpec", "give numNodes, or for a batch deployment an id or a name");
  const reference = id !== undefined ? { id } : name !== undefined ? { name } : current.name !== undefined ? { name: current.name } : current.id !== undefined ? { id: current.id } : undefined;
  if (!reference) throw badInput("hardwareSpec", "the deployment shows no hardware specification id or name; give one");
  return nodes === undefined ? reference : { ...reference, num_nodes: nodes };
}

function sameHardware(current: DeploymentResource["entity"]["hardware_spec"], next: Record<string, unknown>): boolean {
  const spec = current ?? {};
  const sameReference = sameSpec(spec, next as SpecReference);
  const sameNodes = next.num_nodes === undefined || next.num_nodes === (spec.num_nodes ?? 1);
  return sameReference && sameNodes;
}
