import type { CallScope } from "../../upstream/http.js";
import { createPerKeyLoader } from "../../upstream/per-key-loader.js";
import type { WmlClient } from "../client.js";
import { containerKey, type WmlContainer } from "../space.js";
import { getModel } from "./api.js";
import type { ModelResource } from "./resource.js";

/** A model in a space or project; with `rev`, one revision of it (docs/upstream/wml.md §5.4). */
export interface ModelKey {
  container: WmlContainer;
  id: string;
  rev?: string;
}

const keyOf = (key: ModelKey) => `${containerKey(key.container)}\u0000${key.id}\u0000${key.rev ?? ""}`;

/**
 * The model loaders, made once per GraphQL request (`createContext`), keyed by container, id and
 * revision. WML has no read of many models by id, so a batch sends one GET per distinct key,
 * concurrently: five deployments of two models cost two model reads. One value per key, matched by key:
 * the model, `null` on 404, or that key's own error.
 */
export function createModelLoaders(client: WmlClient, scope: CallScope) {
  const byId = createPerKeyLoader(keyOf, async (key) => (await getModel(client, scope, key.container, key.id, key.rev)).body, (size) => scope.observeBatch?.("model.byId", size));

  return {
    byId,
    /** Records a model read elsewhere (a list page, a write's answer): the current copy, or the revision it names. */
    prime(container: WmlContainer, model: ModelResource): void {
      const key = { container, id: model.metadata.id, ...(model.metadata.rev !== undefined && { rev: model.metadata.rev }) };
      byId.clear(key).prime(key, model);
    },
  };
}
