import type { Context } from "../../context.js";
import type { EntityResource } from "../entity/resource.js";
import type { DeploymentResource } from "../../wml/deployment/resource.js";
import { spaceArg } from "../../wml/space.js";
import { UUID_PATTERN } from "../../security/ids.js";

/** A WML prediction URL: `…/ml/v4/deployments/{id or serving name}/predictions` (docs/upstream/wml.md). */
const PREDICTION_PATH = /\/ml\/v4\/deployments\/([^/?#]+)\/predictions(?:[?#]|$)/;

/** What a model's `server` names: a deployment by id or by serving name, or nothing. */
export function deploymentTarget(server: unknown): { by: "id"; id: string } | { by: "servingName"; servingName: string } | null {
  if (typeof server !== "string") return null;
  let path: string;
  try {
    path = new URL(server).pathname;
  } catch {
    return null;
  }
  const match = PREDICTION_PATH.exec(path);
  if (!match) return null;
  const segment = decodeURIComponent(match[1]);
  // WML deployment ids are UUIDs; anything else in that segment is a serving name.
  return UUID_PATTERN.test(segment) ? { by: "id", id: segment } : { by: "servingName", servingName: segment };
}

/**
 * `MlModel.deployment`: the WML deployment whose prediction URL the model's `server` is, read through
 * the WML deployment loaders (in the configured space); `null` when `server` names no deployment or WML has none.
 */
export async function modelDeployment(model: EntityResource, _args: unknown, ctx: Context): Promise<DeploymentResource | null> {
  const target = deploymentTarget(model.server);
  if (!target) return null;
  const spaceId = spaceArg(ctx, undefined);
  // One loader for both: a serving name costs one filtered list call, an id one read, and each answers
  // the other key later in the request (wml/deployment/loaders.ts).
  return ctx.loaders.deployment.byId.load(target.by === "id" ? { spaceId, id: target.id } : { spaceId, servingName: target.servingName });
}
