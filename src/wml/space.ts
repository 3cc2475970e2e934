import type { Context } from "../context.js";
import { badInput } from "../errors.js";

/** Where a WML resource lives, as its query parameter: a space or a project (docs/upstream/wml.md §1.3). */
export type WmlContainer = { space_id: string } | { project_id: string };

/** The space a call is scoped to: the argument, else the configured `WML_SPACE_ID` (docs/upstream/wml.md §1.3). */
export function spaceArg(ctx: Context, spaceId: string | null | undefined): string {
  return spaceId ?? ctx.wml.client.defaultSpaceId;
}

/**
 * The container of a model operation from its `spaceId` and `projectId` arguments: at most one of them
 * (exactly one container per call, docs/upstream/wml.md §1.3), neither meaning the configured space. Checked
 * before any upstream call.
 */
export function containerArg(ctx: Context, args: { spaceId?: string | null; projectId?: string | null }): WmlContainer {
  const { spaceId, projectId } = args;
  if (spaceId != null && projectId != null) throw badInput("projectId", "give spaceId or projectId, not both: a model lives in one space or one project");
  if (projectId != null) {
    if (projectId.trim() === "") throw badInput("projectId", "expected a project id, got an empty string");
    return { project_id: projectId };
  }
  if (spaceId != null && spaceId.trim() === "") throw badInput("spaceId", "expected a space id, got an empty string");
  return { space_id: spaceArg(ctx, spaceId) };
}

/** The space a resource lives in, for reads that start from it (`Deployment.model`, `Model.deployments`). */
export function spaceOf(ctx: Context, resource: { metadata: { space_id?: string }; entity?: Record<string, unknown> }): string {
  const entitySpace = typeof resource.entity?.space_id === "string" ? resource.entity.space_id : undefined;
  return resource.metadata.space_id ?? entitySpace ?? ctx.wml.client.defaultSpaceId;
}

/** The container a resource lives in: its project when it names one, else its space. */
export function containerOf(ctx: Context, resource: { metadata: { space_id?: string; project_id?: string }; entity?: Record<string, unknown> }): WmlContainer {
  if (resource.metadata.project_id && !resource.metadata.space_id) return { project_id: resource.metadata.project_id };
  return { space_id: spaceOf(ctx, resource) };
}

/** A container as a cache-key part. */
export function containerKey(container: WmlContainer): string {
  return "project_id" in container ? `project:${container.project_id}` : `space:${container.space_id}`;
}

/** The container's id and kind, for messages. */
export function describeContainer(container: WmlContainer): string {
  return "project_id" in container ? `project '${container.project_id}'` : `space '${container.space_id}'`;
}
