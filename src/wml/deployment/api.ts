import { ErrorCode, GatewayError, UpstreamError } from "../../errors.js";
import { masked } from "../masked.js";
import type { CallScope, UpstreamAnswer } from "../../upstream/http.js";
import { wmlResource } from "../api.js";
import type { WmlClient } from "../client.js";
import { readAllPages } from "../paging.js";
import type { PatchOperation } from "../patch-table.js";
import type { WmlCollectionResource } from "../resource.js";
import type { DeploymentResource } from "./resource.js";
import { checkIdentity, WML_RESOURCE } from "../../upstream/identity.js";

/** The list filters WML documents for deployments (docs/upstream/wml.md §4.4); names are validated here, never passed through. */
export interface DeploymentFilters {
  asset_id?: string;
  name?: string;
  "tag.value"?: string;
  state?: string;
  serving_name?: string;
}

const deployments = wmlResource<DeploymentResource>("deployments");

/** GET one deployment (docs/upstream/wml.md §4.5). */
export function getDeployment(client: WmlClient, scope: CallScope, spaceId: string, id: string): Promise<UpstreamAnswer<DeploymentResource>> {
  return deployments.get(client, scope, { space_id: spaceId }, id);
}

/**
 * GET every deployment of a space that matches the filters (docs/upstream/wml.md §4.4, §9 item 14): the
 * service ignores `limit`, so the gateway reads the whole list (following `next` by its `start` token,
 * with `version` re-added, should a service page it) and pages it itself.
 */
export async function listAllDeployments(
  client: WmlClient,
  scope: CallScope,
  spaceId: string,
  filters: DeploymentFilters,
): Promise<{ resources: DeploymentResource[] }> {
  const resources = await readAllPages("deployments", async ({ limit, start }) => {
    const answer = await client.send<WmlCollectionResource<DeploymentResource>>(
      { method: "GET", path: "ml/v4/deployments", route: "GET /ml/v4/deployments", container: { space_id: spaceId }, searchParams: { ...filters, limit, start } },
      scope,
    );
    return { ...answer.body, resources: masked(checkIdentity(WML_RESOURCE, answer.status, answer.body.resources ?? [])) };
  });
  return { resources };
}

/** PATCH a deployment with JSON Patch (docs/upstream/wml.md §4.6): 200 for metadata, 202 for restarts and `/asset`. */
export function patchDeployment(client: WmlClient, scope: CallScope, spaceId: string, id: string, ops: readonly PatchOperation[]): Promise<UpstreamAnswer<DeploymentResource>> {
  return deployments.patch(client, scope, { space_id: spaceId }, id, ops);
}

/**
 * Whether a serving name is free: `GET ?serving_name=…&conflict=true`, which answers 409 when the name is
 * taken anywhere, and sends no container (names are unique beyond one space; docs/upstream/wml.md §4.3, §9
 * item 8). Answers normally when free; throws the service's CONFLICT (its code and trace kept) when taken.
 */
export async function checkServingNameFree(client: WmlClient, scope: CallScope, servingName: string): Promise<void> {
  try {
    await client.send<unknown>({ method: "GET", path: "ml/v4/deployments", route: "GET /ml/v4/deployments?conflict", searchParams: { serving_name: servingName, conflict: true } }, scope);
  } catch (error) {
    if (error instanceof UpstreamError && error.code === ErrorCode.CONFLICT) {
      throw new UpstreamError(error.code, error.service, error.status, error.detail, `serving name '${servingName}' is already taken; nothing was changed`, { cause: error });
    }
    // Any other answer means free (§4.3); only a failure to answer at all stops the update.
    if (error instanceof UpstreamError && error.status !== undefined && error.status < 500) return;
    throw error;
  }
}
