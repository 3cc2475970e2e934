import type { DeploymentResolvers, MutationReplaceAssetArgs, MutationUpdateDeploymentArgs, QueryDeploymentsArgs, Resolvers } from "../../__generated__/resolvers-types.js";
import type { Context } from "../../context.js";
import { badInput, ErrorCode, GatewayError, UpstreamError } from "../../errors.js";
import { decodeCursor, encodeCursor, pageSize } from "../paging.js";
import { spaceArg, spaceOf } from "../space.js";
import { Warnings } from "../warnings.js";
import { getDeployment, listAllDeployments, patchDeployment, type DeploymentFilters } from "./api.js";
import { toAssetChange, toAssetPatch, toDeploymentPatch, type PatchStep } from "./patch.js";
import { DEFAULT_REDEPLOY_TIMEOUT_SECONDS, MAX_REDEPLOY_TIMEOUT_SECONDS, redeployOutcome, waitUntilSettled } from "./redeploy.js";
import { descriptionOf, nameOf, servingNameOf, tagsOf, type DeploymentPageResource, type DeploymentResource } from "./resource.js";
import { toDeploymentState } from "./state.js";

/** The most deployments one page may ask for. */
const MAX_DEPLOYMENT_PAGE = 200;

function notFound(id: string, spaceId: string): GatewayError {
  return new GatewayError(ErrorCode.NOT_FOUND, `no deployment '${id}' in space '${spaceId}'`, { id, spaceId });
}

/**
 * `deployments(...)`: the service returns every match and ignores `limit` (wml-contract.md §4.4, §9
 * item 14), so the gateway reads the list once and pages it with its own opaque offset cursors. The
 * filters are also applied here, because the service silently ignores a filter it does not know (§9
 * item 3). Every deployment read primes the request's loaders.
 */
async function listDeploymentsField(_parent: unknown, args: QueryDeploymentsArgs, ctx: Context): Promise<DeploymentPageResource> {
  const first = pageSize(args.first, 20, MAX_DEPLOYMENT_PAGE);
  const offset = args.after ? decodeCursor(args.after, "deployments").offset : 0;
  const spaceId = spaceArg(ctx, args.spaceId);
  const filters: DeploymentFilters = {
    asset_id: args.assetId ?? undefined,
    name: args.name ?? undefined,
    "tag.value": args.tag ?? undefined,
    // The WML filter value of a state is its public name lower-cased (wml-contract.md §4.4).
    state: args.state?.toLowerCase(),
    serving_name: args.servingName ?? undefined,
  };
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
  return { nodes: matching.slice(offset, offset + first), offset, totalCount: matching.length };
}

/**
 * `updateDeployment`: reads the deployment, builds the PATCH calls with `toDeploymentPatch` and sends
 * them in `STEP_ORDER` (metadata, then serving name or owner, each alone; wml-contract.md §4.6.2, §9
 * item 6). An asset change is checked before anything is read: mixed with other fields it is refused
 * with no upstream call. `dryRun` sends no PATCH. When a later PATCH fails after an earlier one was
 * applied, the error says which changes were applied.
 */
async function updateDeploymentField(_parent: unknown, args: MutationUpdateDeploymentArgs, ctx: Context) {
  const spaceId = spaceArg(ctx, args.spaceId);
  // An asset change is checked first: mixed with other fields it is refused before any upstream call.
  const asset = toAssetChange(args.input);
  let current: DeploymentResource | null = null;
  if (!asset || args.dryRun) {
    current = await ctx.loaders.deployment.byId.load({ spaceId, id: args.id });
    if (!current) throw notFound(args.id, spaceId);
  }
  // Without a read (an asset change that is sent) `current` is null: toDeploymentPatch builds the asset step without looking at it.
  const { steps, patch } = toDeploymentPatch(current!, args.input);
  if (args.dryRun || steps.length === 0) return { deployment: current, patch, changed: steps.length > 0, warnings: [] };
  const warnings = new Warnings();
  let deployment: DeploymentResource | null = current;
  const applied: PatchStep[] = [];
  for (const step of steps) {
    try {
      const answer = await patchDeployment(ctx.wml.client, ctx.wml.scope, spaceId, args.id, step.ops);
      deployment = answer.body;
      warnings.addSystem(answer.body.system);
      if (step.kind === "asset") warnings.add(answer.body.entity.status?.message?.text);
      applied.push(step);
    } catch (error) {
      if (applied.length > 0 && error instanceof UpstreamError) {
        const done = applied.map((s) => `${s.kind} (${s.ops.map((o) => `${o.op} ${o.path}`).join(", ")})`).join("; ");
        throw new UpstreamError(error.code, error.service, error.status, error.detail, `${error.message}; the ${step.kind} PATCH failed after these changes were applied: ${done}`, { cause: error });
      }
      throw error;
    }
  }
  if (deployment) ctx.loaders.deployment.prime(spaceId, deployment);
  return { deployment, patch, changed: true, warnings: warnings.list() };
}

/**
 * `replaceAsset`: one `replace /asset` PATCH, alone (wml-contract.md §4.6.3). Without `waitUntilReady`
 * the outcome is UPDATING at once (or the settled outcome when WML answered synchronously); with it,
 * GET with backoff until the deployment settles or `timeoutSeconds` runs out (§8). The schema-mismatch
 * text of the PATCH answer and every `system.warnings` message come back in `warnings`.
 */
async function replaceAssetField(_parent: unknown, args: MutationReplaceAssetArgs, ctx: Context) {
  const spaceId = spaceArg(ctx, args.spaceId);
  const patch = toAssetPatch(args.asset);
  const timeoutSeconds = args.timeoutSeconds ?? DEFAULT_REDEPLOY_TIMEOUT_SECONDS;
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > MAX_REDEPLOY_TIMEOUT_SECONDS) {
    throw badInput("timeoutSeconds", `expected an integer from 1 to ${MAX_REDEPLOY_TIMEOUT_SECONDS}, got ${timeoutSeconds}`);
  }
  const requested = patch[0].value as { id: string; rev?: string };
  const warnings = new Warnings();
  const answer = await patchDeployment(ctx.wml.client, ctx.wml.scope, spaceId, args.deploymentId, patch);
  warnings.addStatusThenSystem(answer.body);
  let deployment = answer.body;
  let outcome = redeployOutcome(deployment, requested);
  if (args.waitUntilReady && outcome === "UPDATING") {
    const read = async () => {
      const next = (await getDeployment(ctx.wml.client, ctx.wml.scope, spaceId, args.deploymentId)).body;
      warnings.addStatusThenSystem(next);
      return next;
    };
    const result = await waitUntilSettled(deployment, read, { timeoutMs: timeoutSeconds * 1000, timing: ctx.wml.polling });
    deployment = result.deployment;
    outcome = result.settled ? redeployOutcome(deployment, requested) : "TIMED_OUT";
  }
  ctx.loaders.deployment.prime(spaceId, deployment);
  return { deployment, outcome, warnings: warnings.list(), patch };
}

/** The `Deployment` fields over the wire shape (wml-contract.md §4.1, §4.2); `model` goes through the loaders. */
const deploymentFields: DeploymentResolvers<Context, DeploymentResource> = {
  __resolveReference: (reference: { id: string }, ctx: Context) => ctx.loaders.deployment.byId.load({ spaceId: ctx.wml.client.defaultSpaceId, id: reference.id }),
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
    const asset = d.entity.asset;
    if (!asset || (d.entity.deployed_asset_type !== undefined && d.entity.deployed_asset_type !== "model")) return null;
    return ctx.loaders.model.byId.load({ spaceId: spaceOf(ctx, d), id: asset.id });
  },
  hardwareSpec: (d) => {
    const spec = d.entity.hardware_spec;
    return spec ? { id: spec.id ?? null, name: spec.name ?? null, numNodes: spec.num_nodes ?? null } : null;
  },
  custom: (d) => d.entity.custom ?? {},
  deployedAssetType: (d) => d.entity.deployed_asset_type ?? null,
  kind: (d) => (d.entity.online ? "ONLINE" : d.entity.batch ? "BATCH" : d.entity.r_shiny ? "R_SHINY" : null),
};

/** The connection over one gateway page: every edge has a cursor (the offset after it). */
const deploymentPageFields = {
  edges: (page: DeploymentPageResource) => page.nodes.map((node, i) => ({ node, cursor: encodeCursor({ kind: "deployments", offset: page.offset + i + 1 }) })),
  nodes: (page: DeploymentPageResource) => page.nodes,
  pageInfo: (page: DeploymentPageResource) => ({
    hasNextPage: page.offset + page.nodes.length < page.totalCount,
    hasPreviousPage: page.offset > 0,
    startCursor: page.nodes.length ? encodeCursor({ kind: "deployments", offset: page.offset + 1 }) : null,
    endCursor: page.nodes.length ? encodeCursor({ kind: "deployments", offset: page.offset + page.nodes.length }) : null,
  }),
  totalCount: (page: DeploymentPageResource) => page.totalCount,
};

/** The resolvers of schema/deployment.graphql. */
export const deploymentResolvers: Resolvers = {
  Query: {
    deployment: (_parent, args, ctx) => ctx.loaders.deployment.byId.load({ spaceId: spaceArg(ctx, args.spaceId), id: args.id }),
    deployments: listDeploymentsField,
  },
  Mutation: {
    updateDeployment: updateDeploymentField,
    replaceAsset: replaceAssetField,
  },
  Deployment: deploymentFields,
  DeploymentConnection: deploymentPageFields,
};
