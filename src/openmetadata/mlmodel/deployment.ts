import DataLoader from "dataloader";
import type { Context } from "../../context.js";
import type { EntityResource } from "../entity/resource.js";
import { listAllDeployments } from "../../wml/deployment/api.js";
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

type ServingNameKey = { spaceId: string; servingName: string };

/**
 * The per-request loader of deployments by serving name: one list call with the `serving_name` filter
 * per distinct name (WML has no read by serving name); what it finds primes the WML deployment loaders.
 * Kept beside the request's loaders (same lifetime) without a line in the context.
 */
const servingNameLoaders = new WeakMap<object, DataLoader<ServingNameKey, DeploymentResource | null, string>>();

function byServingName(ctx: Context): DataLoader<ServingNameKey, DeploymentResource | null, string> {
  let loader = servingNameLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader<ServingNameKey, DeploymentResource | null, string>(
      (keys) =>
        Promise.all(
          keys.map(async (key) => {
            try {
              const { resources } = await listAllDeployments(ctx.wml.client, ctx.wml.scope, key.spaceId, { serving_name: key.servingName });
              for (const deployment of resources) ctx.loaders.deployment.prime(key.spaceId, deployment);
              return resources[0] ?? null;
            } catch (error) {
              return error as Error;
            }
          }),
        ),
      { cacheKeyFn: (key) => `${key.spaceId}\u0000${key.servingName}` },
    );
    servingNameLoaders.set(ctx.loaders, loader);
  }
  return loader;
}

/**
 * `MlModel.deployment`: the WML deployment whose prediction URL the model's `server` is, read through
 * the WML loaders (in the configured space); `null` when `server` names no deployment or WML has none.
 */
export async function modelDeployment(model: EntityResource, _args: unknown, ctx: Context): Promise<DeploymentResource | null> {
  const target = deploymentTarget(model.server);
  if (!target) return null;
  const spaceId = spaceArg(ctx, undefined);
  if (target.by === "id") return ctx.loaders.deployment.byId.load({ spaceId, id: target.id });
  return byServingName(ctx).load({ spaceId, servingName: target.servingName });
}
