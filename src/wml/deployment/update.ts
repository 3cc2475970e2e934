import type { MutationPatchDeploymentArgs, MutationUpdateDeploymentArgs } from "../../__generated__/resolvers-types.js";
import { idArgument } from "../../security/ids.js";
import { maskPatchEcho } from "../../security/secrets.js";
import type { Context } from "../../context.js";
import { ErrorCode, GatewayError, UpstreamError } from "../../errors.js";
import { blamingArgument, underArgument, type PatchOperation } from "../patch-table.js";
import { toRawPatch } from "../raw-patch.js";
import { spaceArg } from "../space.js";
import { Warnings } from "../warnings.js";
import { checkServingNameFree, getDeployment, patchDeployment } from "./api.js";
import { addDeploymentWarnings } from "./owner.js";
import { DEPLOYMENT_PATCHABLE, toAssetChange, toDeploymentPatch, type PatchStep, type PatchStepKind } from "./patch.js";
import { redeployOutcome, redeployTimeoutMs, waitUntilSettled, type RedeployOutcome } from "./redeploy.js";
import { servingNameOf, type DeploymentResource } from "./resource.js";

/** What `updateDeployment` and `patchDeployment` answer (`UpdateDeploymentPayload`). */
interface UpdateAnswer {
  deployment: DeploymentResource | null;
  patch: PatchOperation[];
  changed: boolean;
  warnings: string[];
  outcome: RedeployOutcome | null;
}

/** A NOT_FOUND naming the deployment and its space. */
export function deploymentNotFound(id: string, spaceId: string): GatewayError {
  return new GatewayError(ErrorCode.NOT_FOUND, `no deployment '${id}' in space '${spaceId}'`, { id, spaceId });
}

export async function currentDeployment(ctx: Context, spaceId: string, id: string): Promise<DeploymentResource> {
  idArgument("id", id);
  const current = await ctx.loaders.deployment.byId.load({ spaceId, id });
  if (!current) throw deploymentNotFound(id, spaceId);
  return current;
}

/** The serving name a step sets, when it sets one that differs from the current one. */
function newServingName(step: PatchStep, current: DeploymentResource): string | undefined {
  const op = step.ops.find((o) => o.path === "/online/parameters");
  const name = (op?.value as { serving_name?: unknown } | undefined)?.serving_name;
  return typeof name === "string" && name !== servingNameOf(current) ? name : undefined;
}

/**
 * Sends the PATCH calls of one update in order. A new serving name is checked first (409 = taken) and
 * refused as CONFLICT before any write (docs/upstream/wml.md §4.3, §9 item 8). When a later PATCH fails after
 * an earlier one was applied, the error keeps the upstream's code and carries `extensions.applied`, the
 * operations already written; its message (and so the operation's log line) says so too.
 */
async function sendSteps(ctx: Context, spaceId: string, current: DeploymentResource, steps: PatchStep[], warnings: Warnings, argument: string): Promise<DeploymentResource> {
  for (const step of steps) {
    const name = newServingName(step, current);
    if (name !== undefined) await checkServingNameFree(ctx.wml.client, ctx.wml.scope, name);
  }
  let deployment = current;
  const applied: PatchStep[] = [];
  for (const step of steps) {
    try {
      const answer = await blamingArgument(argument, () => patchDeployment(ctx.wml.client, ctx.wml.scope, spaceId, current.metadata.id, step.ops));
      deployment = answer.body;
      // The status message is the schema-mismatch text only after an asset patch (docs/upstream/wml.md §4.6.3 item 3).
      if (step.kind === "asset") warnings.addStatusThenSystem(answer.body);
      else warnings.addSystem(answer.body.system);
      applied.push(step);
    } catch (error) {
      const upstream = error instanceof GatewayError ? error.upstream : error instanceof UpstreamError ? error : undefined;
      if (applied.length > 0 && upstream && error instanceof Error) {
        const done = applied.map((s) => `${s.kind} (${s.ops.map((o) => `${o.op} ${o.path}`).join(", ")})`).join("; ");
        const message = `${error.message}; the ${step.kind} PATCH failed after these changes were applied: ${done}`;
        const extensions = error instanceof GatewayError ? error.extensions : {};
        throw new GatewayError(upstream.code, message, { ...extensions, applied: applied.flatMap((s) => s.ops), failed: step.ops }, upstream);
      }
      throw error;
    }
  }
  ctx.loaders.deployment.prime(spaceId, deployment);
  return deployment;
}

/**
 * Sends the steps (unless `dryRun` or there are none), then with `waitUntilReady` polls until the restart
 * they caused settles (a serving-name, owner, hardware or asset change; docs/upstream/wml.md §4.6.2, §8).
 */
export async function applyUpdate(
  ctx: Context,
  spaceId: string,
  current: DeploymentResource,
  plan: { steps: PatchStep[]; patch: PatchOperation[] },
  options: { dryRun?: boolean | null; waitUntilReady?: boolean | null; timeoutMs: number; argument: string },
): Promise<UpdateAnswer> {
  const warnings = new Warnings();
  if (options.dryRun || plan.steps.length === 0) {
    await addDeploymentWarnings(ctx, current, warnings);
    return { deployment: current, patch: maskPatchEcho(plan.patch), changed: plan.steps.length > 0, warnings: warnings.list(), outcome: null };
  }
  let deployment = await sendSteps(ctx, spaceId, current, plan.steps, warnings, options.argument);
  const assetStep = plan.steps.find((s) => s.kind === "asset");
  const requested = assetStep ? (assetStep.ops[0].value as { id: string; rev?: string }) : undefined;
  let outcome = redeployOutcome(deployment, requested);
  if (options.waitUntilReady && outcome === "UPDATING") {
    const read = async () => {
      const next = (await getDeployment(ctx.wml.client, ctx.wml.scope, spaceId, current.metadata.id)).body;
      if (requested) warnings.addStatusThenSystem(next);
      else warnings.addSystem(next.system);
      return next;
    };
    const result = await waitUntilSettled(deployment, read, { timeoutMs: options.timeoutMs, timing: ctx.wml.polling });
    deployment = result.deployment;
    outcome = result.settled ? redeployOutcome(deployment, requested) : "TIMED_OUT";
    ctx.loaders.deployment.prime(spaceId, deployment);
  }
  await addDeploymentWarnings(ctx, deployment, warnings);
  return { deployment, patch: maskPatchEcho(plan.patch), changed: true, warnings: warnings.list(), outcome };
}

/**
 * `updateDeployment`: builds the PATCH calls with `toDeploymentPatch` from the current deployment and
 * sends them in order (metadata, then serving name or owner, each alone; docs/upstream/wml.md §4.6.2, §9 item
 * 6). An asset change mixed with other fields is refused before any upstream call; an asset already
 * deployed sends nothing. `dryRun` sends no PATCH.
 */
export async function updateDeploymentField(_parent: unknown, args: MutationUpdateDeploymentArgs, ctx: Context): Promise<UpdateAnswer> {
  const spaceId = spaceArg(ctx, args.spaceId);
  underArgument("input", () => toAssetChange(args.input));
  const timeoutMs = redeployTimeoutMs(args.timeoutSeconds);
  const current = await currentDeployment(ctx, spaceId, args.id);
  const plan = underArgument("input", () => toDeploymentPatch(current, args.input));
  return applyUpdate(ctx, spaceId, current, plan, { dryRun: args.dryRun, waitUntilReady: args.waitUntilReady, timeoutMs, argument: "input" });
}

/** The step a raw PATCH is, by its operations (those that travel alone are one operation). */
function rawStepKind(ops: PatchOperation[]): PatchStepKind {
  const path = ops[0].path;
  return path === "/asset" ? "asset" : path === "/online/parameters" ? "servingName" : path === "/metadata/owner" ? "owner" : "metadata";
}

/**
 * `patchDeployment`: raw operations checked against the patchable paths before anything is read or sent
 * (docs/upstream/wml.md §4.6.1, §4.6.2); a new serving name is checked for conflicts first, like in
 * `updateDeployment`. `dryRun` reads the deployment and sends nothing.
 */
export async function patchDeploymentField(_parent: unknown, args: MutationPatchDeploymentArgs, ctx: Context): Promise<UpdateAnswer> {
  const spaceId = spaceArg(ctx, args.spaceId);
  const patch = toRawPatch(args.operations, DEPLOYMENT_PATCHABLE);
  const current = await currentDeployment(ctx, spaceId, args.id);
  return applyUpdate(ctx, spaceId, current, { steps: [{ kind: rawStepKind(patch), ops: patch }], patch }, { dryRun: args.dryRun, timeoutMs: 0, argument: "operations" });
}
