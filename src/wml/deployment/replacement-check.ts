import { isDeepStrictEqual } from "node:util";
import type { AssetProblemCode } from "../../__generated__/resolvers-types.js";
import type { ModelResource } from "../model/resource.js";
import type { DeploymentResource } from "./resource.js";

/** One reason not to replace a deployment's asset with a candidate. */
export interface AssetProblem {
  code: AssetProblemCode;
  message: string;
}

/** The framework family of a model type: the type without its version (`scikit-learn_1.3` → `scikit-learn`; docs/upstream/wml.md §5.1). */
export function frameworkOf(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const cut = type.lastIndexOf("_");
  return cut > 0 && /^\d/.test(type.slice(cut + 1)) ? type.slice(0, cut) : type;
}

/** An input schema reduced to what must match: per record schema, its fields as sorted `name:type` (order-insensitive). */
function schemaShape(model: ModelResource): string[][] | undefined {
  const input = model.entity.schemas?.input;
  if (!Array.isArray(input) || input.length === 0) return undefined;
  return input
    .map((schema) => {
      const fields = (schema as { fields?: Array<{ name?: unknown; type?: unknown }> })?.fields;
      return (Array.isArray(fields) ? fields : []).map((f) => `${String(f?.name)}:${String(f?.type)}`).sort();
    })
    .sort((a, b) => a.join(",").localeCompare(b.join(",")));
}

/** Whether the deployment's asset can be replaced at all: it has one and is not an R Shiny app (the seed; docs/upstream/wml.md §4.1, §4.6.1). */
export function notReplaceable(deployment: DeploymentResource): string | undefined {
  if (deployment.entity.r_shiny || deployment.entity.deployed_asset_type === "r_shiny") return "an R Shiny app deployment cannot have its asset replaced";
  if (!deployment.entity.asset) return "this deployment has no asset to replace (a prompt-template deployment, for example)";
  return undefined;
}

function label(model: ModelResource): string {
  return model.metadata.rev !== undefined ? `'${model.metadata.id}' revision ${model.metadata.rev}` : `'${model.metadata.id}' (current copy)`;
}

/**
 * Compares the deployed model (at its revision) with a candidate before an asset replacement (pure): the
 * conditions a redeploy needs — same framework family, same software specification, an input schema on
 * both with the same fields and types in any order — plus the candidate's existence and whether the
 * deployment is replaceable. No problem means `ok`.
 */
export function checkReplacement(deployment: DeploymentResource, deployed: ModelResource | null, candidate: ModelResource | null, requested: { id: string; rev?: string }): AssetProblem[] {
  const problems: AssetProblem[] = [];
  const blocked = notReplaceable(deployment);
  if (blocked) problems.push({ code: "NOT_REPLACEABLE", message: blocked });
  if (!candidate) {
    const what = requested.rev !== undefined ? `model '${requested.id}' revision ${requested.rev}` : `model '${requested.id}'`;
    problems.push({ code: "ASSET_NOT_FOUND", message: `${what} is not in the deployment's space` });
    return problems;
  }
  if (!deployed) return problems;
  const from = frameworkOf(deployed.entity.type);
  const to = frameworkOf(candidate.entity.type);
  if (from !== to) problems.push({ code: "FRAMEWORK_MISMATCH", message: `the deployed model is ${deployed.entity.type ?? "of no type"}, the candidate ${candidate.entity.type ?? "of no type"}: another framework` });
  const deployedSpec = deployed.entity.software_spec ?? {};
  const candidateSpec = candidate.entity.software_spec ?? {};
  const sameSpec = deployedSpec.id && candidateSpec.id ? deployedSpec.id === candidateSpec.id : deployedSpec.name === candidateSpec.name;
  if (!sameSpec) {
    problems.push({ code: "SOFTWARE_SPEC_MISMATCH", message: `the deployed model runs on ${deployedSpec.name ?? deployedSpec.id ?? "no software specification"}, the candidate on ${candidateSpec.name ?? candidateSpec.id ?? "none"}` });
  }
  const deployedShape = schemaShape(deployed);
  const candidateShape = schemaShape(candidate);
  const missing = [deployedShape ? undefined : `the deployed model ${label(deployed)}`, candidateShape ? undefined : `the candidate ${label(candidate)}`].filter(Boolean);
  if (missing.length > 0) problems.push({ code: "INPUT_SCHEMA_MISSING", message: `${missing.join(" and ")} ${missing.length > 1 ? "have" : "has"} no input schema to compare` });
  else if (!isDeepStrictEqual(deployedShape, candidateShape)) {
    problems.push({ code: "INPUT_SCHEMA_MISMATCH", message: "the input schemas differ in field names or types; score payloads built for the deployed model would not fit the candidate" });
  }
  return problems;
}
