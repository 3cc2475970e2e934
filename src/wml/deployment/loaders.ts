import DataLoader from "dataloader";
import type { CallScope } from "../../upstream/http.js";
import { isNotFound } from "../../errors.js";
import type { WmlClient } from "../client.js";
import { getDeployment, listAllDeployments } from "./api.js";
import { servingNameOf, type DeploymentResource } from "./resource.js";

/** A deployment in a space, by id or by serving name. */
type DeploymentKey = { spaceId: string; id: string } | { spaceId: string; servingName: string };

/** The deployments of an asset (a model) in a space. */
export interface AssetDeploymentsKey {
  spaceId: string;
  assetId: string;
}

const keyOf = (key: DeploymentKey) => ("id" in key ? `${key.spaceId}\u0000id\u0000${key.id}` : `${key.spaceId}\u0000name\u0000${key.servingName}`);
const assetKeyOf = (key: AssetDeploymentsKey) => `${key.spaceId}\u0000${key.assetId}`;

/** A key's own outcome: the deployment, `null` when the service has none (404), or that key's error. */
async function settleKey(read: () => Promise<DeploymentResource | null>): Promise<DeploymentResource | null | Error> {
  try {
    return await read();
  } catch (error) {
    return isNotFound(error) ? null : (error as Error);
  }
}

/**
 * The deployment loaders, made once per GraphQL request (`createContext`). `byId` takes a deployment by
 * id or by serving name: a serving name costs one list call with `serving_name=` (the filter applied
 * again here, since a service may ignore it; docs/upstream/wml.md §4.4, §9 item 3), and an id one GET, sent
 * only when no serving name of the same batch already found that deployment; each deployment read also
 * answers its other key later in the request. So a deployment costs one call however it is addressed.
 * One value per key, matched by key: the deployment, `null` when there is none, or that key's own error.
 * `byAssetId` answers `Model.deployments`: one list call per space for a whole batch of models (the
 * `asset_id` filter when the batch holds one model), grouped by `entity.asset.id` (§4.4).
 */
export function createDeploymentLoaders(client: WmlClient, scope: CallScope) {
  const byId: DataLoader<DeploymentKey, DeploymentResource | null, string> = new DataLoader(
    async (keys) => {
      scope.observeBatch?.("deployment.byId", keys.length);
      const found = new Map<string, DeploymentResource | null | Error>();
      const record = (spaceId: string, deployment: DeploymentResource | null | Error) => {
        if (!deployment || deployment instanceof Error) return;
        found.set(keyOf({ spaceId, id: deployment.metadata.id }), deployment);
        const name = servingNameOf(deployment);
        if (name !== null) found.set(keyOf({ spaceId, servingName: name }), deployment);
      };
      await Promise.all(
        keys.map(async (key) => {
          if ("id" in key) return;
          const result = await settleKey(async () => {
            const { resources } = await listAllDeployments(client, scope, key.spaceId, { serving_name: key.servingName });
            return resources.find((d) => servingNameOf(d) === key.servingName) ?? null;
          });
          found.set(keyOf(key), result);
          record(key.spaceId, result);
        }),
      );
      await Promise.all(
        keys.map(async (key) => {
          if (!("id" in key) || found.has(keyOf(key))) return;
          const result = await settleKey(async () => (await getDeployment(client, scope, key.spaceId, key.id)).body);
          found.set(keyOf(key), result);
          record(key.spaceId, result);
        }),
      );
      // What answered one key answers the other later in the request (a prime never replaces a cached key).
      for (const [cacheKey, value] of found) {
        if (value instanceof Error || value === null) continue;
        const [spaceId, kind, rest] = cacheKey.split("\u0000");
        byId.prime(kind === "id" ? { spaceId, id: rest } : { spaceId, servingName: rest }, value);
      }
      return keys.map((key) => found.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );

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

  return {
    byId,
    byAssetId,
    /** Records a deployment read elsewhere (a list, a write's answer) so later loads of this request see it. */
    prime(spaceId: string, deployment: DeploymentResource): void {
      const key = { spaceId, id: deployment.metadata.id };
      byId.clear(key).prime(key, deployment);
      const servingName = servingNameOf(deployment);
      if (servingName !== null) byId.clear({ spaceId, servingName }).prime({ spaceId, servingName }, deployment);
    },
  };
}
