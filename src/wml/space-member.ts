import { encodeSegment, type CallScope } from "../upstream/http.js";
import { createPerKeyLoader } from "../upstream/per-key-loader.js";
import type { WmlClient } from "./client.js";

/** A member of a deployment space as the spaces API answers it (docs/upstream/wml.md §13). */
export interface SpaceMemberResource {
  id: string;
  role?: "admin" | "editor" | "viewer" | string;
  state?: "active" | "pending" | string;
  type?: string;
}

/** A member of a space, by IAM id. */
export interface SpaceMemberKey {
  spaceId: string;
  iamId: string;
}

/**
 * The space-member loader, made once per GraphQL request: one `GET /v2/spaces/{space_id}/members/{iam_id}`
 * per distinct (space, member) of the request, whichever deployments ask; `null` when the service answers
 * 404 (not a member; docs/upstream/wml.md §13). The spaces API is served beside WML, with the same token.
 */
export function createSpaceMemberLoader(client: WmlClient, scope: CallScope) {
  return createPerKeyLoader<SpaceMemberKey, SpaceMemberResource>(
    (key) => `${key.spaceId}\u0000${key.iamId}`,
    async (key) =>
      (
        await client.send<SpaceMemberResource>(
          { method: "GET", path: `v2/spaces/${encodeSegment(key.spaceId)}/members/${encodeSegment(key.iamId)}`, route: "GET /v2/spaces/{space_id}/members/{member_id}" },
          scope,
        )
      ).body,
    (size) => scope.observeBatch?.("spaceMember.byId", size),
  );
}

/** Whether a member can own a deployment: present and not `pending` (an invitation not yet accepted; §13). */
export function isActiveMember(member: SpaceMemberResource | null): boolean {
  return member !== null && member.state !== "pending";
}

/** The warning about a deployment whose owner has left its space (the advice of docs/upstream/wml.md §13, in the caller's words). */
export function ownerLeftWarning(owner: string, spaceId: string): string {
  return (
    `The deployment owner ${owner} is no longer a member of space ${spaceId}. Only a space admin can assign a new owner ` +
    "(updateDeployment with input.owner), and the new owner must be an admin or an editor of the space."
  );
}
