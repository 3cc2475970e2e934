import type { CatalogDatabase } from "../database.js";
import type { CatalogRequest, CatalogResponse, Router } from "../router.js";
import { WmlHttpError } from "./errors.js";
import { guarded, type GuardSettings } from "./guard.js";

/** A member of a deployment space (docs/upstream/wml.md §13 [A]: `{id, role, state, type}`). */
export interface SpaceMember {
  id: string;
  role: "admin" | "editor" | "viewer";
  state: "active" | "pending";
  type: "user" | "service" | "access_group";
}

/**
 * The space members of the spaces API (`wml_space_members`): who belongs to which space, in which role.
 * A deployment's owner who is no longer listed has left the space (docs/upstream/wml.md §13).
 */
export class SpaceMembers {
  private readonly getOne;
  private readonly listAll;
  private readonly insert;

  constructor(db: CatalogDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS wml_space_members (
        space_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (space_id, member_id)
      );
    `);
    this.getOne = db.prepare("SELECT doc FROM wml_space_members WHERE space_id = ? AND member_id = ?");
    this.listAll = db.prepare("SELECT doc FROM wml_space_members WHERE space_id = ? ORDER BY member_id");
    this.insert = db.prepare("INSERT OR REPLACE INTO wml_space_members (space_id, member_id, doc) VALUES (?, ?, ?)");
  }

  get(spaceId: string, memberId: string): SpaceMember | undefined {
    const row = this.getOne.get(spaceId, memberId) as { doc: string } | undefined;
    return row && (JSON.parse(row.doc) as SpaceMember);
  }

  list(spaceId: string): SpaceMember[] {
    return (this.listAll.all(spaceId) as { doc: string }[]).map((r) => JSON.parse(r.doc) as SpaceMember);
  }

  add(spaceId: string, member: SpaceMember): void {
    this.insert.run(spaceId, member.id, JSON.stringify(member));
  }
}

function memberNotFound(spaceId: string, memberId: string): WmlHttpError {
  return new WmlHttpError(404, "member_not_found", `Member '${memberId}' is not a member of space '${spaceId}'.`);
}

/**
 * Registers the spaces API's member reads beside WML, with the same token (docs/upstream/wml.md §13):
 * `GET /v2/spaces/{space_id}/members` (filters `role`, `state`, `type`) and
 * `GET /v2/spaces/{space_id}/members/{member_id}` (404 when not a member).
 */
export function registerMemberRoutes(router: Router, guard: GuardSettings, members: SpaceMembers): void {
  const route = (handler: (req: CatalogRequest) => CatalogResponse) => guarded(guard, "deployments", handler);
  router.add(
    "GET",
    "/v2/spaces/:space_id/members",
    route((req) => {
      const resources = members
        .list(req.params.space_id)
        .filter((m) => (["role", "state", "type"] as const).every((key) => req.query.get(key) === null || m[key] === req.query.get(key)));
      return { status: 200, body: { total_count: resources.length, resources } };
    }),
  );
  router.add(
    "GET",
    "/v2/spaces/:space_id/members/:member_id",
    route((req) => {
      const member = members.get(req.params.space_id, req.params.member_id);
      if (!member) throw memberNotFound(req.params.space_id, req.params.member_id);
      return { status: 200, body: member };
    }),
  );
}
