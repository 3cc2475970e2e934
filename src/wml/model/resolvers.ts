import type { ModelResolvers, MutationUpdateModelArgs, QueryModelArgs, QueryModelsArgs, Resolvers } from "../../__generated__/resolvers-types.js";
import type { Context } from "../../context.js";
import { badInput, ErrorCode, GatewayError } from "../../errors.js";
import { decodeCursor, encodeCursor, MAX_UPSTREAM_LIMIT, nextStartOf, pageSize } from "../paging.js";
import { REV_PATTERN } from "../patch-table.js";
import { spaceArg, spaceOf } from "../space.js";
import { Warnings } from "../warnings.js";
import { listModels, patchModel } from "./api.js";
import { toModelPatch } from "./patch.js";
import type { ModelPageResource, ModelResource } from "./resource.js";

/**
 * `model(id, spaceId, rev)`: the current copy, or with `rev` (`latest` or a number) one revision
 * (wml-contract.md §5.4); null when there is none.
 */
function getModelField(_parent: unknown, args: QueryModelArgs, ctx: Context): Promise<ModelResource | null> {
  const rev = args.rev ?? undefined;
  if (rev !== undefined && rev !== "latest" && !REV_PATTERN.test(rev)) throw badInput("rev", `expected "latest" or a revision number such as "2", got ${JSON.stringify(rev)}`);
  return ctx.loaders.model.byId.load({ spaceId: spaceArg(ctx, args.spaceId), id: args.id, ...(rev !== undefined && { rev }) });
}

/**
 * `models(...)`: one service page per GraphQL page (wml-contract.md §3.3, §5.3). The gateway's cursor
 * holds the service's `start` token (taken from `next.href`, whose `version` is missing, so the request
 * is rebuilt rather than replayed; §9 item 1) and how many items of that page were already returned.
 */
async function listModelsField(_parent: unknown, args: QueryModelsArgs, ctx: Context): Promise<ModelPageResource> {
  const first = pageSize(args.first, 20, MAX_UPSTREAM_LIMIT);
  const position = args.after ? decodeCursor(args.after, "models") : { kind: "models" as const, start: undefined, skip: 0 };
  const spaceId = spaceArg(ctx, args.spaceId);
  const limit = Math.max(1, Math.min(MAX_UPSTREAM_LIMIT, position.skip + first));
  const page = await listModels(ctx.wml.client, ctx.wml.scope, spaceId, { limit, start: position.start, tag: args.tag ?? undefined });
  const resources = page.resources ?? [];
  for (const model of resources) ctx.loaders.model.prime(spaceOf(ctx, model), model);
  return {
    nodes: resources.slice(position.skip, position.skip + first),
    start: position.start,
    skip: position.skip,
    pageLength: resources.length,
    nextStart: nextStartOf(page),
    totalCount: page.total_count,
  };
}

/** The cursor of the position after `consumed` items of the service page. */
function cursorAt(page: ModelPageResource, consumed: number): string {
  if (consumed >= page.pageLength && page.nextStart !== undefined) return encodeCursor({ kind: "models", start: page.nextStart, skip: 0 });
  return encodeCursor({ kind: "models", start: page.start, skip: consumed });
}

/** `updateModel`: one JSON Patch over the model's patchable paths (wml-contract.md §5.5); `dryRun` sends nothing. */
async function updateModelField(_parent: unknown, args: MutationUpdateModelArgs, ctx: Context) {
  const spaceId = spaceArg(ctx, args.spaceId);
  const current = await ctx.loaders.model.byId.load({ spaceId, id: args.id });
  if (!current) throw new GatewayError(ErrorCode.NOT_FOUND, `no model '${args.id}' in space '${spaceId}'`, { id: args.id, spaceId });
  const patch = toModelPatch(current, args.input);
  if (args.dryRun || patch.length === 0) return { model: current, patch, changed: patch.length > 0, warnings: [] };
  const answer = await patchModel(ctx.wml.client, ctx.wml.scope, spaceId, args.id, patch);
  ctx.loaders.model.prime(spaceId, answer.body);
  const warnings = new Warnings();
  warnings.addSystem(answer.body.system);
  return { model: answer.body, patch, changed: true, warnings: warnings.list() };
}

/** The `Model` fields over the wire shape (wml-contract.md §5.1, §5.4); `deployments` goes through the loaders. */
const modelFields: ModelResolvers<Context, ModelResource> = {
  __resolveReference: (reference: { id: string }, ctx: Context) => ctx.loaders.model.byId.load({ spaceId: ctx.wml.client.defaultSpaceId, id: reference.id }),
  id: (m) => m.metadata.id,
  name: (m) => m.metadata.name ?? "",
  description: (m) => m.metadata.description ?? null,
  tags: (m) => m.metadata.tags ?? [],
  spaceId: (m) => m.metadata.space_id ?? null,
  type: (m) => m.entity.type ?? null,
  softwareSpec: (m) => (m.entity.software_spec ? { id: m.entity.software_spec.id ?? null, name: m.entity.software_spec.name ?? null } : null),
  inputSchema: (m) => m.entity.schemas?.input ?? null,
  rev: (m) => m.metadata.rev ?? null,
  createdAt: (m) => m.metadata.created_at ?? null,
  modifiedAt: (m) => m.metadata.modified_at ?? null,
  owner: (m) => m.metadata.owner ?? null,
  custom: (m) => m.entity.custom ?? null,
  modelVersion: (m) => m.entity.model_version ?? null,
  deployments: (m, _args, ctx) => ctx.loaders.deployment.byAssetId.load({ spaceId: spaceOf(ctx, m), assetId: m.metadata.id }),
};

/** The connection over one service page. */
const modelPageFields = {
  edges: (page: ModelPageResource) => page.nodes.map((node, i) => ({ node, cursor: cursorAt(page, page.skip + i + 1) })),
  nodes: (page: ModelPageResource) => page.nodes,
  pageInfo: (page: ModelPageResource) => ({
    hasNextPage: page.skip + page.nodes.length < page.pageLength || page.nextStart !== undefined,
    hasPreviousPage: page.start !== undefined || page.skip > 0,
    startCursor: page.nodes.length ? cursorAt(page, page.skip + 1) : null,
    endCursor: page.nodes.length ? cursorAt(page, page.skip + page.nodes.length) : null,
  }),
  totalCount: (page: ModelPageResource) => page.totalCount ?? null,
};

/** The resolvers of schema/model.graphql. */
export const modelResolvers: Resolvers = {
  Query: { model: getModelField, models: listModelsField },
  Mutation: { updateModel: updateModelField },
  Model: modelFields,
  ModelConnection: modelPageFields,
};
