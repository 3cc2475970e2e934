import type { DeploymentResolvers, QueryDeploymentArgs, QueryDeploymentsArgs, Resolvers } from "../../__generated__/resolvers-types.js";
import { idArgument, servingNameArgument } from "../../security/ids.js";
import type { Context } from "../../context.js";
import { badInput } from "../../errors.js";
import { connectionFields } from "../../graphql/paging.js";
import { wmlPage } from "../paging.js";
import { spaceArg, spaceOf } from "../space.js";
import { listAllDeployments, type DeploymentFilters } from "./api.js";
import { deploymentWarnings, ownerInSpace } from "./owner.js";
import { assetReplacementCheckField, replaceAssetField } from "./replace.js";
import { descriptionOf, nameOf, servingNameOf, tagsOf, type DeploymentPageResource, type DeploymentResource } from "./resource.js";
import { toDeploymentState } from "./state.js";
import { patchDeploymentField, updateDeploymentField } from "./update.js";

/**
 * `deployment(id | servingName, spaceId)`: exactly one of `id` and `servingName`; by serving name, one
 * list call with `serving_name=` (docs/upstream/wml.md §4.4), through the same loader as ids, so that a
 * deployment costs one call however it is addressed. Null when none.
 */
function getDeploymentField(_parent: unknown, args: QueryDeploymentArgs, ctx: Context): Promise<DeploymentResource | null> {
  if ((args.id == null) === (args.servingName == null)) throw badInput("id", "give exactly one of id and servingName");
  const spaceId = spaceArg(ctx, args.spaceId);
  if (args.servingName != null) {
    return ctx.loaders.deployment.byId.load({ spaceId, servingName: servingNameArgument("servingName", args.servingName) });
  }
  return ctx.loaders.deployment.byId.load({ spaceId, id: idArgument("id", args.id!) });
}

/**
 * `deployments(...)`: the service returns every match and ignores `limit` (docs/upstream/wml.md §4.4, §9
 * item 14), so the gateway reads the list once and pages it with its own opaque offset cursors. The
 * filters are also applied here, because the service silently ignores a filter it does not know (§9
 * item 3). Every deployment read primes the request's loaders.
 */
async function listDeploymentsField(_parent: unknown, args: QueryDeploymentsArgs, ctx: Context): Promise<DeploymentPageResource> {
  const spaceId = spaceArg(ctx, args.spaceId);
  const filters: DeploymentFilters = {
    asset_id: args.assetId ?? undefined,
    name: args.name ?? undefined,
    "tag.value": args.tag ?? undefined,
    // The WML filter value of a state is its public name lower-cased (docs/upstream/wml.md §4.4).
    state: args.state?.toLowerCase(),
    serving_name: args.servingName ?? undefined,
  };
  return wmlPage(args, "wml:deployments", async () => {
    const { resources } = await listAllDeployments(ctx.wml.client, ctx.wml.scope, spaceId, filters);
    const matching = resources.filter(
      (d) =>
        (!args.assetId || d.entity.asset?.id === args.assetId) &&
        (!args.name || nameOf(d) === args.name) &&
        (!args.tag || (tagsOf(d) ?? []).includes(args.tag)) &&
        (!args.state || toDeploymentState(d.entity.status?.state) === args.state) &&
        (!args.servingName || servingNameOf(d) === args.servingName),
    );
    for (const d of matching) ctx.loaders.deployment.prime(spaceOf(ctx, d), d);
    return matching;
  });
}

/** The deployed asset when it is a model (`Deployment.model`, `Deployment.deployedModel`). */
function deployedModelAsset(d: DeploymentResource): { id: string; rev?: string } | undefined {
  if (d.entity.deployed_asset_type !== undefined && d.entity.deployed_asset_type !== "model") return undefined;
  return d.entity.asset;
}

/** The `Deployment` fields over the wire shape (docs/upstream/wml.md §4.1, §4.2); `model` goes through the loaders. */
const deploymentFields: DeploymentResolvers<Context, DeploymentResource> = {
  __resolveReference: (reference: { id: string }, ctx: Context) => ctx.loaders.deployment.byId.load({ spaceId: ctx.wml.client.defaultSpaceId, id: idArgument("id", reference.id) }),
  id: (d) => d.metadata.id,
  name: (d) => nameOf(d) ?? "",
  description: (d) => descriptionOf(d) ?? null,
  tags: (d) => tagsOf(d) ?? [],
  spaceId: (d) => d.metadata.space_id ?? d.entity.space_id ?? null,
  createdAt: (d) => d.metadata.created_at ?? null,
  modifiedAt: (d) => d.metadata.modified_at ?? null,
  owner: (d) => d.metadata.owner ?? null,
  state: (d) => toDeploymentState(d.entity.status?.state),
  statusMessage: (d) => d.entity.status?.message?.text ?? null,
  failure: (d) => {
    const failure = d.entity.status?.failure;
    if (!failure?.errors?.length) return null;
    return failure.errors.map((e) => ({ code: e.code, message: e.message, moreInfo: e.more_info ?? null, trace: failure.trace ?? null }));
  },
  servingName: (d) => servingNameOf(d),
  servingUrls: (d) => d.entity.status?.serving_urls ?? (d.entity.status?.online_url?.url ? [d.entity.status.online_url.url] : []),
  asset: (d) => (d.entity.asset ? { id: d.entity.asset.id, rev: d.entity.asset.rev ?? null } : null),
  model: (d, _args, ctx) => {
    const asset = deployedModelAsset(d);
    return asset ? ctx.loaders.model.byId.load({ container: { space_id: spaceOf(ctx, d) }, id: asset.id }) : null;
  },
  deployedModel: (d, _args, ctx) => {
    const asset = deployedModelAsset(d);
    return asset ? ctx.loaders.model.byId.load({ container: { space_id: spaceOf(ctx, d) }, id: asset.id, ...(asset.rev !== undefined && { rev: asset.rev }) }) : null;
  },
  ownerInSpace: (d, _args, ctx) => ownerInSpace(ctx, d),
  warnings: (d, _args, ctx) => deploymentWarnings(ctx, d),
  hardwareSpec: (d) => {
    const spec = d.entity.hardware_spec;
    return spec ? { id: spec.id ?? null, name: spec.name ?? null, numNodes: spec.num_nodes ?? null } : null;
  },
  custom: (d) => d.entity.custom ?? {},
  deployedAssetType: (d) => d.entity.deployed_asset_type ?? null,
  kind: (d) => (d.entity.online ? "ONLINE" : d.entity.batch ? "BATCH" : d.entity.r_shiny ? "R_SHINY" : null),
};

/** The resolvers of schema/deployment.graphql. */
export const deploymentResolvers: Resolvers = {
  Query: {
    deployment: getDeploymentField,
    deployments: listDeploymentsField,
    assetReplacementCheck: assetReplacementCheckField,
  },
  Mutation: {
    updateDeployment: updateDeploymentField,
    patchDeployment: patchDeploymentField,
    replaceAsset: replaceAssetField,
  },
  Deployment: deploymentFields,
  DeploymentConnection: connectionFields,
};
