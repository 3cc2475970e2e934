import type { CallScope, UpstreamAnswer } from "../../upstream/http.js";
import { wmlResource } from "../api.js";
import type { WmlClient } from "../client.js";
import type { PatchOperation } from "../patch-table.js";
import type { WmlCollectionResource } from "../resource.js";
import type { ModelResource } from "./resource.js";
import { checkIdentity, WML_RESOURCE } from "../../upstream/identity.js";

const models = wmlResource<ModelResource>("models");

/** GET one model: the current copy, or with `rev` (`latest` or a number) that revision (wml-contract.md §5.4). */
export function getModel(client: WmlClient, scope: CallScope, spaceId: string, id: string, rev?: string): Promise<UpstreamAnswer<ModelResource>> {
  return models.get(client, scope, spaceId, id, { rev });
}

/** GET one service page of models: `limit` ≤ 200, the opaque `start` token, `tag.value`, `total_count` (wml-contract.md §3.3, §5.3). */
export async function listModels(
  client: WmlClient,
  scope: CallScope,
  spaceId: string,
  params: { limit: number; start?: string; tag?: string },
): Promise<WmlCollectionResource<ModelResource>> {
  const answer = await client.send<WmlCollectionResource<ModelResource>>(
    {
      method: "GET",
      path: "ml/v4/models",
      route: "GET /ml/v4/models",
      spaceId,
      searchParams: { limit: params.limit, start: params.start, "tag.value": params.tag, total_count: true },
    },
    scope,
  );
  return { ...answer.body, resources: checkIdentity(WML_RESOURCE, answer.status, answer.body.resources ?? []) };
}

/** PATCH a model with JSON Patch over its patchable paths (wml-contract.md §5.5). */
export function patchModel(client: WmlClient, scope: CallScope, spaceId: string, id: string, ops: readonly PatchOperation[]): Promise<UpstreamAnswer<ModelResource>> {
  return models.patch(client, scope, spaceId, id, ops);
}
