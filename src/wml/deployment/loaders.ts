import DataLoader from "dataloader";
import type { CallScope } from "../../upstream/http.js";
import { createPerKeyLoader } from "../../upstream/per-key-loader.js";
import type { WmlClient } from "../client.js";
import { getDeployment, listAllDeployments } from "./api.js";
import { servingNameOf, type DeploymentResource } from "./resource.js";

/** A deployment in a space. */
interface DeploymentKey {
  spaceId: string;
  id: string;
}

/** The deployments of an asset (a model) in a space. */
export interface AssetDeploymentsKey {
  spaceId: string;
  assetId: string;
}

/** A deployment by serving name in a space. */
interface ServingNameKey {
  spaceId: string;
  servingName: string;
}

const servingKeyOf = (key: ServingNameKey) => `${key.spaceId}\u0000${key.servingName}`;
const keyOf = (key: DeploymentKey) => `${key.spaceId}\u0000${key.id}`;
const assetKeyOf = (key: AssetDeploymentsKey) => `${key.spaceId}\u0000${key.assetId}`;

/**
 * The deployment loaders, made once per GraphQL request (`createContext`). WML has no read of many
 * deployments by id, so `byId` sends one GET per distinct key of a batch, concurrently; results are
 * matched to keys by id, one value per key: the deployment, `null` on 404, or that key's own error.
 * `byAssetId` answers `Model.deployments`: one list call per space for a whole batch of models (the
 * `asset_id` filter when the batch holds one model), grouped by `entity.asset.id` (wml-contract.md §4.4).
 */
export function createDeploymentLoaders(client: WmlClient, scope: CallScope) {
  const byId = createPerKeyLoader(keyOf, async (key) => (await getDeployment(client, scope, key.spaceId, key.id)).body, (size) => scope.observeBatch?.("deployment.byId", size));

  const byAssetId = new DataLoader<AssetDeploymentsKey, DeploymentResource[], string>(
    async (keys) => {
      const spaces = new Map<string, AssetDeploymentsKey[]>();
      for (const key of keys) {
        const group = spaces.get(key.spaceId);
        if (group) group.push(key);
        else spaces.set(key.spaceId, [key]);
      }
      const results = new Map<string, DeploymentResource[] | Error>();
      await Promise.all(
        [...spaces].map(async ([spaceId, group]) => {
          try {
            const filters = group.length === 1 ? { asset_id: group[0].assetId } : {};
            const { resources } = await listAllDeployments(client, scope, spaceId, filters);
            for (const key of group) results.set(assetKeyOf(key), []);
            for (const deployment of resources) {
              byId.prime({ spaceId, id: deployment.metadata.id }, deployment);
              const list = results.get(assetKeyOf({ spaceId, assetId: deployment.entity.asset?.id ?? "" }));
              if (Array.isArray(list)) list.push(deployment);
            }
          } catch (error) {
            for (const key of group) results.set(assetKeyOf(key), error as Error);
          }
        }),
      );
      return keys.map((key) => results.get(assetKeyOf(key)) ?? []);
    },
    { cacheKeyFn: assetKeyOf },
  );

  /** A deployment by serving name (one list call with `serving_name=`); the deployment found primes `byId`. */
  const byServingName = createPerKeyLoader<ServingNameKey, DeploymentResource>(
    servingKeyOf,
    async (key) => {
      const { resources } = await listAllDeployments(client, scope, key.spaceId, { serving_name: key.servingName });
      // The filter is applied again: a service that ignores it answers every deployment (wml-contract.md §9 item 3).
      const found = resources.find((d) => servingNameOf(d) === key.servingName) ?? null;
      if (found) byId.clear({ spaceId: key.spaceId, id: found.metadata.id }).prime({ spaceId: key.spaceId, id: found.metadata.id }, found);
      return found as DeploymentResource;
    },
    (size) => scope.observeBatch?.("deployment.byServingName", size),
  );

  return {
    byId,
    byAssetId,
    byServingName,
    /** Records a deployment read elsewhere (a list, a write's answer) so later loads of this request see it. */
    prime(spaceId: string, deployment: DeploymentResource): void {
      const key = { spaceId, id: deployment.metadata.id };
      byId.clear(key).prime(key, deployment);
    },
  };
}
