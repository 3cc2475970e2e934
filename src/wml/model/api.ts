import type { CallScope, UpstreamAnswer } from "../../upstream/http.js";
import { masked } from "../masked.js";
import { encodeSegment } from "../../upstream/http.js";
import { wmlResource } from "../api.js";
import type { WmlClient } from "../client.js";
import type { PatchOperation } from "../patch-table.js";
import type { WmlCollectionResource } from "../resource.js";
import type { WmlContainer } from "../space.js";
import type { ModelResource, ModelRevisionResource } from "./resource.js";
import { checkIdentity, withIdentity, WML_RESOURCE } from "../../upstream/identity.js";

const models = wmlResource<ModelResource>("models");

/** GET one model: the current copy, or with `rev` (`latest` or a number) that revision (docs/upstream/wml.md §5.4). */
export function getModel(client: WmlClient, scope: CallScope, container: WmlContainer, id: string, rev?: string): Promise<UpstreamAnswer<ModelResource>> {
  return models.get(client, scope, container, id, { rev });
}

/** GET one service page of models: `limit` ≤ 200, the opaque `start` token, `tag.value`, `total_count` (docs/upstream/wml.md §3.3, §5.3). */
export async function listModels(
  client: WmlClient,
  scope: CallScope,
  container: WmlContainer,
  params: { limit: number; start?: string; tag?: string },
): Promise<WmlCollectionResource<ModelResource>> {
  const answer = await client.send<WmlCollectionResource<ModelResource>>(
    {
      method: "GET",
      path: "ml/v4/models",
      route: "GET /ml/v4/models",
      container,
      searchParams: { limit: params.limit, start: params.start, "tag.value": params.tag, total_count: true },
    },
    scope,
  );
  return { ...answer.body, resources: masked(checkIdentity(WML_RESOURCE, answer.status, answer.body.resources ?? [])) };
}

/** PATCH a model with JSON Patch over its patchable paths (docs/upstream/wml.md §5.5). */
export function patchModel(client: WmlClient, scope: CallScope, container: WmlContainer, id: string, ops: readonly PatchOperation[]): Promise<UpstreamAnswer<ModelResource>> {
  return models.patch(client, scope, container, id, ops);
}

/** GET one service page of a model's revisions, newest first, `{metadata}` only (docs/upstream/wml.md §3.3, §5.6). */
export async function listModelRevisions(
  client: WmlClient,
  scope: CallScope,
  container: WmlContainer,
  id: string,
  params: { limit: number; start?: string },
): Promise<WmlCollectionResource<ModelRevisionResource>> {
  const answer = await client.send<WmlCollectionResource<ModelRevisionResource>>(
    { method: "GET", path: `ml/v4/models/${encodeSegment(id)}/revisions`, route: "GET /ml/v4/models/{id}/revisions", container, searchParams: { limit: params.limit, start: params.start } },
    scope,
  );
  return { ...answer.body, resources: masked(checkIdentity(WML_RESOURCE, answer.status, answer.body.resources ?? [])) };
}

/**
 * POST a revision: a snapshot of the model's current copy, with `commit_info` (docs/upstream/wml.md §5.6).
 * The container travels in the body, as on every create (§1.3, §9 item 2), and in the query.
 */
export function createModelRevision(client: WmlClient, scope: CallScope, container: WmlContainer, id: string, commitMessage?: string): Promise<UpstreamAnswer<ModelResource>> {
  return client.send<ModelResource>(
    {
      method: "POST",
      path: `ml/v4/models/${encodeSegment(id)}/revisions`,
      route: "POST /ml/v4/models/{id}/revisions",
      container,
      json: { ...container, ...(commitMessage !== undefined && { commit_message: commitMessage }) },
    },
    scope,
  ).then((answer) => masked(withIdentity(WML_RESOURCE, answer)));
}
