import { encodeSegment, type CallScope, type UpstreamAnswer } from "../upstream/http.js";
import { masked } from "./masked.js";
import { withIdentity, WML_RESOURCE } from "../upstream/identity.js";
import type { WmlCall, WmlClient } from "./client.js";
import type { PatchOperation } from "./patch-table.js";
import type { WmlContainer } from "./space.js";

/**
 * GET and PATCH of one resource of a WML collection, `ml/v4/<collection>/{id}` (deployments:
 * docs/upstream/wml.md §4.5, §4.6; models: §5.4, §5.5), with the route labels `GET /ml/v4/<collection>/{id}`
 * and `PATCH /ml/v4/<collection>/{id}` for metrics and logs.
 */
export function wmlResource<R>(collection: "deployments" | "models") {
  const path = (id: string) => `ml/v4/${collection}/${encodeSegment(id)}`;
  const getRoute = `GET /ml/v4/${collection}/{id}`;
  const patchRoute = `PATCH /ml/v4/${collection}/{id}`;
  return {
    get(client: WmlClient, scope: CallScope, container: WmlContainer, id: string, searchParams?: WmlCall["searchParams"]): Promise<UpstreamAnswer<R>> {
      return client.send<R>({ method: "GET", path: path(id), route: getRoute, container, searchParams }, scope).then((answer) => masked(withIdentity(WML_RESOURCE, answer)));
    },
    patch(client: WmlClient, scope: CallScope, container: WmlContainer, id: string, ops: readonly PatchOperation[]): Promise<UpstreamAnswer<R>> {
      return client.send<R>({ method: "PATCH", path: path(id), route: patchRoute, container, json: ops }, scope).then((answer) => masked(withIdentity(WML_RESOURCE, answer)));
    },
  };
}
