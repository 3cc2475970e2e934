import type { MutationReplaceAssetArgs, QueryAssetReplacementCheckArgs } from "../../__generated__/resolvers-types.js";
import { idArgument } from "../../security/ids.js";
import type { Context } from "../../context.js";
import { badInput, ErrorCode, GatewayError } from "../../errors.js";
import type { ModelResource } from "../model/resource.js";
import { spaceArg, spaceOf } from "../space.js";
import { sameAsset, toAssetPatch } from "./patch.js";
import { redeployOutcome, redeployTimeoutMs } from "./redeploy.js";
import { checkReplacement, type AssetProblem } from "./replacement-check.js";
import type { DeploymentResource } from "./resource.js";
import { applyUpdate, currentDeployment } from "./update.js";

/** The outcome of `assetReplacementCheck`. */
interface CheckResult {
  deployment: DeploymentResource;
  problems: AssetProblem[];
  deployed: ModelResource | null;
  candidate: ModelResource | null;
}

/**
 * Reads what the check compares, through the request's loaders: the deployment, the model at its deployed
 * revision and the candidate at the requested one (both in the deployment's space), so each distinct
 * model and revision costs one read at most.
 */
async function runCheck(ctx: Context, spaceId: string, id: string, requested: { id: string; rev?: string }): Promise<CheckResult> {
  const deployment = await currentDeployment(ctx, spaceId, id);
  const container = { space_id: spaceOf(ctx, deployment) };
  const asset = deployment.entity.asset;
  const isModel = deployment.entity.deployed_asset_type === undefined || deployment.entity.deployed_asset_type === "model";
  const [deployed, candidate] = await Promise.all([
    asset && isModel ? ctx.loaders.model.byId.load({ container, id: asset.id, ...(asset.rev !== undefined && { rev: asset.rev }) }) : Promise.resolve(null),
    ctx.loaders.model.byId.load({ container, id: requested.id, ...(requested.rev !== undefined && { rev: requested.rev }) }),
  ]);
  return { deployment, problems: checkReplacement(deployment, deployed, candidate, requested), deployed, candidate };
}

function requestedAsset(asset: { id: string; rev?: string | null }): { id: string; rev?: string } {
  return toAssetPatch(asset)[0].value as { id: string; rev?: string };
}

/** `assetReplacementCheck`: what replacing the deployment's asset with the candidate would risk; sends no write. */
export async function assetReplacementCheckField(_parent: unknown, args: QueryAssetReplacementCheckArgs, ctx: Context) {
  const requested = requestedAsset(args.asset);
  const { problems, deployed, candidate } = await runCheck(ctx, spaceArg(ctx, args.spaceId), idArgument("deploymentId", args.deploymentId), requested);
  return { ok: problems.length === 0, problems, deployed, candidate };
}

/** The deployment id of `replaceAsset`: exactly one of `id` and the deprecated `deploymentId`. */
function deploymentIdArg(args: MutationReplaceAssetArgs): string {
  const given = [args.id, args.deploymentId].filter((v): v is string => v != null);
  if (given.length !== 1) throw badInput("id", given.length === 0 ? "give the deployment's id" : "give id or deploymentId (deprecated), not both");
  return idArgument(args.id != null ? "id" : "deploymentId", given[0]);
}

/**
 * `replaceAsset`: runs the replacement check first and refuses with BAD_USER_INPUT and
 * `extensions.problems` when it finds any, unless `force` (which skips it). An asset already deployed
 * sends nothing. Otherwise one `replace /asset` PATCH, alone (docs/upstream/wml.md §4.6.3); without
 * `waitUntilReady` the outcome is UPDATING at once (or the settled outcome when WML answered
 * synchronously); with it, GET with backoff until the deployment settles or `timeoutSeconds` runs out (§8).
 */
export async function replaceAssetField(_parent: unknown, args: MutationReplaceAssetArgs, ctx: Context) {
  const id = deploymentIdArg(args);
  const spaceId = spaceArg(ctx, args.spaceId);
  const patch = toAssetPatch(args.asset);
  const requested = patch[0].value as { id: string; rev?: string };
  const timeoutMs = redeployTimeoutMs(args.timeoutSeconds);
  let current: DeploymentResource;
  if (args.force) current = await currentDeployment(ctx, spaceId, id);
  else {
    const check = await runCheck(ctx, spaceId, id, requested);
    if (check.problems.length > 0) {
      const list = check.problems.map((p) => `${p.code}: ${p.message}`).join("; ");
      throw new GatewayError(ErrorCode.BAD_USER_INPUT, `asset: the replacement was refused (${list}); fix the candidate, or pass force: true to replace anyway`, { field: "asset", problems: check.problems });
    }
    current = check.deployment;
  }
  const unchanged = sameAsset(current.entity.asset, requested);
  const plan = unchanged ? { steps: [], patch: [] } : { steps: [{ kind: "asset" as const, ops: patch }], patch };
  const answer = await applyUpdate(ctx, spaceId, current, plan, { waitUntilReady: args.waitUntilReady, timeoutMs, argument: "asset" });
  return { ...answer, outcome: answer.outcome ?? redeployOutcome(current, requested) };
}
