import type {
  ModelResolvers,
  ModelRevisionResolvers,
  MutationCreateModelRevisionArgs,
  MutationPatchModelArgs,
  MutationUpdateModelArgs,
  QueryModelArgs,
  QueryModelsArgs,
  Resolvers,
} from "../../__generated__/resolvers-types.js";
import type { Context } from "../../context.js";
import { idArgument } from "../../security/ids.js";
import { maskPatchEcho } from "../../security/secrets.js";
import { ErrorCode, GatewayError } from "../../errors.js";
import { connectionFields, type ConnectionArgs } from "../../graphql/paging.js";
import { readAllPages, wmlPage } from "../paging.js";
import { blamingArgument, nonEmptyString, revisionArgument, underArgument, type PatchOperation } from "../patch-table.js";
import { toRawPatch } from "../raw-patch.js";
import { containerArg, containerOf, describeContainer, type WmlContainer } from "../space.js";
import { Warnings } from "../warnings.js";
import { createModelRevision, listModelRevisions, listModels, patchModel } from "./api.js";
import { MODEL_PATCHABLE, toModelPatch } from "./patch.js";
import type { ModelPageResource, ModelResource, ModelRevisionPageResource, ModelRevisionResource } from "./resource.js";

/**
 * `model(id, spaceId | projectId, rev)`: the current copy, or with `rev` (`latest` or a number) one
 * revision (docs/upstream/wml.md §5.4); null when there is none.
 */
function getModelField(_parent: unknown, args: QueryModelArgs, ctx: Context): Promise<ModelResource | null> {
  const rev = args.rev ?? undefined;
  if (rev !== undefined) revisionArgument("rev", rev, { latest: true });
  return ctx.loaders.model.byId.load({ container: containerArg(ctx, args), id: idArgument("id", args.id), ...(rev !== undefined && { rev }) });
}

/** `models(...)`: the whole list, paged by the gateway (docs/upstream/wml.md §3.3, §5.3); every model read primes the loaders. */
async function listModelsField(_parent: unknown, args: QueryModelsArgs, ctx: Context): Promise<ModelPageResource> {
  const container = containerArg(ctx, args);
  return wmlPage(args, "wml:models", async () => {
    const models = await readAllPages("models", (params) => listModels(ctx.wml.client, ctx.wml.scope, container, { ...params, tag: args.tag ?? undefined }));
    for (const model of models) ctx.loaders.model.prime(containerOf(ctx, model), model);
    return models;
  });
}

async function currentModel(ctx: Context, container: WmlContainer, id: string): Promise<ModelResource> {
  idArgument("id", id);
  const current = await ctx.loaders.model.byId.load({ container, id });
  if (!current) throw new GatewayError(ErrorCode.NOT_FOUND, `no model '${id}' in ${describeContainer(container)}`, { id, ...container });
  return current;
}

/** Sends one model PATCH (unless `dryRun` or empty) and answers the `UpdateModelPayload`. */
async function sendModelPatch(ctx: Context, container: WmlContainer, current: ModelResource, patch: PatchOperation[], dryRun: boolean | null | undefined, argument: string) {
  if (dryRun || patch.length === 0) return { model: current, patch: maskPatchEcho(patch), changed: patch.length > 0, warnings: [] };
  const answer = await blamingArgument(argument, () => patchModel(ctx.wml.client, ctx.wml.scope, container, current.metadata.id, patch));
  ctx.loaders.model.prime(container, answer.body);
  const warnings = new Warnings();
  warnings.addSystem(answer.body.system);
  return { model: answer.body, patch: maskPatchEcho(patch), changed: true, warnings: warnings.list() };
}

/** `updateModel`: one JSON Patch over the model's patchable paths (docs/upstream/wml.md §5.5); `dryRun` sends nothing. */
async function updateModelField(_parent: unknown, args: MutationUpdateModelArgs, ctx: Context) {
  const container = containerArg(ctx, args);
  const current = await currentModel(ctx, container, args.id);
  return sendModelPatch(ctx, container, current, underArgument("input", () => toModelPatch(current, args.input)), args.dryRun, "input");
}

/** `patchModel`: raw operations, checked against the patchable paths before the read and the PATCH (§5.5). */
async function patchModelField(_parent: unknown, args: MutationPatchModelArgs, ctx: Context) {
  const container = containerArg(ctx, args);
  const patch = toRawPatch(args.operations, MODEL_PATCHABLE);
  const current = await currentModel(ctx, container, args.id);
  return sendModelPatch(ctx, container, current, patch, args.dryRun, "operations");
}

/** `createModelRevision`: POST `/revisions` (docs/upstream/wml.md §5.6); the answer (a full revision) primes the loaders. */
async function createModelRevisionField(_parent: unknown, args: MutationCreateModelRevisionArgs, ctx: Context): Promise<ModelRevisionResource> {
  const container = containerArg(ctx, args);
  const id = idArgument("modelId", args.modelId);
  const answer = await blamingArgument("modelId", () => createModelRevision(ctx.wml.client, ctx.wml.scope, container, id, args.commitMessage ?? undefined));
  ctx.loaders.model.prime(container, answer.body);
  ctx.loaders.model.byId.clear({ container, id });
  return answer.body;
}

/** `Model.revisions`: the whole revision list, newest first, paged by the gateway (docs/upstream/wml.md §5.6). */
async function revisionsField(model: ModelResource, args: ConnectionArgs, ctx: Context): Promise<ModelRevisionPageResource> {
  const container = containerOf(ctx, model);
  return wmlPage(args, "wml:revisions", () => readAllPages("revisions", (params) => listModelRevisions(ctx.wml.client, ctx.wml.scope, container, model.metadata.id, params)));
}

/** The `Model` fields over the wire shape (docs/upstream/wml.md §5.1, §5.4); `deployments` goes through the loaders. */
const modelFields: ModelResolvers<Context, ModelResource> = {
  __resolveReference: (reference: { id: string }, ctx: Context) => ctx.loaders.model.byId.load({ container: { space_id: ctx.wml.client.defaultSpaceId }, id: idArgument("id", reference.id) }),
  id: (m) => m.metadata.id,
  name: (m) => m.metadata.name ?? "",
  description: (m) => m.metadata.description ?? null,
  tags: (m) => m.metadata.tags ?? [],
  spaceId: (m) => m.metadata.space_id ?? null,
  projectId: (m) => m.metadata.project_id ?? null,
  type: (m) => m.entity.type ?? null,
  softwareSpec: (m) => (m.entity.software_spec ? { id: m.entity.software_spec.id ?? null, name: m.entity.software_spec.name ?? null } : null),
  inputSchema: (m) => m.entity.schemas?.input ?? null,
  rev: (m) => m.metadata.rev ?? null,
  commitMessage: (m) => m.metadata.commit_info?.commit_message ?? null,
  committedAt: (m) => m.metadata.commit_info?.committed_at ?? null,
  createdAt: (m) => m.metadata.created_at ?? null,
  modifiedAt: (m) => m.metadata.modified_at ?? null,
  owner: (m) => m.metadata.owner ?? null,
  custom: (m) => m.entity.custom ?? null,
  modelVersion: (m) => m.entity.model_version ?? null,
  // Classic model deployments live in spaces only (docs/upstream/wml.md §1.3): a project's model has none.
  deployments: (m, _args, ctx) => {
    const container = containerOf(ctx, m);
    return "project_id" in container ? [] : ctx.loaders.deployment.byAssetId.load({ spaceId: container.space_id, assetId: m.metadata.id });
  },
  revisions: revisionsField,
};

/** The `ModelRevision` fields: the list entry's metadata; `model` is the revision read through the loaders. */
const revisionFields: ModelRevisionResolvers<Context, ModelRevisionResource> = {
  rev: (r) => r.metadata.rev ?? "",
  commitMessage: (r) => r.metadata.commit_info?.commit_message ?? null,
  committedAt: (r) => r.metadata.commit_info?.committed_at ?? null,
  model: async (r, _args, ctx) => {
    const container = containerOf(ctx, r);
    const model = await ctx.loaders.model.byId.load({ container, id: r.metadata.id, ...(r.metadata.rev !== undefined && { rev: r.metadata.rev }) });
    if (!model) throw new GatewayError(ErrorCode.NOT_FOUND, `revision ${r.metadata.rev} of model '${r.metadata.id}' is gone`, { id: r.metadata.id, rev: r.metadata.rev });
    return model;
  },
};

/** The resolvers of schema/model.graphql. */
export const modelResolvers: Resolvers = {
  Query: { model: getModelField, models: listModelsField },
  Mutation: { updateModel: updateModelField, patchModel: patchModelField, createModelRevision: createModelRevisionField },
  Model: modelFields,
  ModelRevision: revisionFields,
  ModelConnection: connectionFields,
  ModelRevisionConnection: connectionFields,
};
