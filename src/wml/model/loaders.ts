import DataLoader from "dataloader";
import { ErrorCode, UpstreamError } from "../../errors.js";
import type { CallScope } from "../../upstream/http.js";
import type { WmlClient } from "../client.js";
import { getModel } from "./api.js";
import type { ModelResource } from "./resource.js";

/** A model in a space; with `rev`, one revision of it (wml-contract.md §5.4). */
export interface ModelKey {
  spaceId: string;
  id: string;
  rev?: string;
}

const keyOf = (key: ModelKey) => `${key.spaceId}\u0000${key.id}\u0000${key.rev ?? ""}`;

/**
 * The model loaders, made once per GraphQL request (`createContext`). WML has no read of many models by
 * id, so a batch sends one GET per distinct key, concurrently: five deployments of two models cost two
 * model reads. One value per key, matched by key: the model, `null` on 404, or that key's own error.
 */
export function createModelLoaders(client: WmlClient, scope: CallScope) {
  const byId = new DataLoader<ModelKey, ModelResource | null, string>(
    async (keys) => {
      const results = new Map<string, ModelResource | null | Error>();
      await Promise.all(
        keys.map(async (key) => {
          try {
            results.set(keyOf(key), (await getModel(client, scope, key.spaceId, key.id, key.rev)).body);
          } catch (error) {
            results.set(keyOf(key), error instanceof UpstreamError && error.code === ErrorCode.NOT_FOUND ? null : (error as Error));
          }
        }),
      );
      return keys.map((key) => results.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );

  return {
    byId,
    /** Records a model read elsewhere (a list page, a write's answer) as the current copy. */
    prime(spaceId: string, model: ModelResource): void {
      const key = { spaceId, id: model.metadata.id, ...(model.metadata.rev !== undefined && { rev: model.metadata.rev }) };
      byId.clear(key).prime(key, model);
    },
  };
}

/** The model loaders of one request. */
export type ModelLoaders = ReturnType<typeof createModelLoaders>;
