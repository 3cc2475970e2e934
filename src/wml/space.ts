import type { Context } from "../context.js";

/** The space a call is scoped to: the argument, else the configured `WML_SPACE_ID` (wml-contract.md §1.3). */
export function spaceArg(ctx: Context, spaceId: string | null | undefined): string {
  return spaceId ?? ctx.wml.client.defaultSpaceId;
}

/** The space a resource lives in, for reads that start from it (`Deployment.model`, `Model.deployments`). */
export function spaceOf(ctx: Context, resource: { metadata: { space_id?: string }; entity: Record<string, unknown> }): string {
  const entitySpace = typeof resource.entity.space_id === "string" ? resource.entity.space_id : undefined;
  return resource.metadata.space_id ?? entitySpace ?? ctx.wml.client.defaultSpaceId;
}
