import type { Context } from "../../context.js";
import { spaceOf } from "../space.js";
import { isActiveMember, ownerLeftWarning } from "../space-member.js";
import type { Warnings } from "../warnings.js";
import type { DeploymentResource } from "./resource.js";

/**
 * Whether a deployment's owner is still an active member of its space, read through the request's
 * space-member loader (one call per distinct space and owner; docs/upstream/wml.md §13); null without an owner.
 */
export async function ownerInSpace(ctx: Context, deployment: DeploymentResource): Promise<boolean | null> {
  const owner = deployment.metadata.owner;
  if (!owner) return null;
  return isActiveMember(await ctx.loaders.spaceMember.load({ spaceId: spaceOf(ctx, deployment), iamId: owner }));
}

/** The deployment's own warnings: today, an owner who has left the space and what to do about it. */
export async function deploymentWarnings(ctx: Context, deployment: DeploymentResource): Promise<string[]> {
  return (await ownerInSpace(ctx, deployment)) === false ? [ownerLeftWarning(deployment.metadata.owner!, spaceOf(ctx, deployment))] : [];
}

/**
 * Adds the deployment's own warnings to a mutation's. The write already happened, so a failed membership
 * read does not fail the mutation: the warning then says the owner could not be checked.
 */
export async function addDeploymentWarnings(ctx: Context, deployment: DeploymentResource | null, warnings: Warnings): Promise<void> {
  if (!deployment) return;
  try {
    for (const warning of await deploymentWarnings(ctx, deployment)) warnings.add(warning);
  } catch {
    warnings.add(`Whether the deployment owner ${deployment.metadata.owner} is still a member of the space could not be checked; see Deployment.ownerInSpace.`);
  }
}
