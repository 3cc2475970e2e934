import { randomUUID } from "node:crypto";
import { isPlainObject } from "../../plain-object.js";
import type { CatalogRequest, CatalogResponse, Router } from "../../router.js";
import { invalidEntity, modelNotFound, WmlHttpError } from "../errors.js";
import { checkMetadataFields, containerFromBody, containerFromQuery, containerParam, guarded, iso, jsonBody, jsonObjectBody, type Container } from "../guard.js";
import { applyModelPatch } from "../model-patch.js";
import { collectionHref, matchesTags, paginate } from "../paging.js";
import type { WmlRuntime } from "../runtime.js";
import { resolveSoftwareSpec } from "../specs.js";
import type { DataSchema, ModelDoc, ModelEntity } from "../store.js";

/** Entity fields a model create copies as given (docs/upstream/wml.md §5.1). */
const PASSTHROUGH_FIELDS = [
  "label_column",
  "transformed_label_column",
  "training_data_references",
  "test_data_references",
  "hyper_parameters",
  "domain",
  "metrics",
  "size",
  "user_defined_objects",
  "pipeline",
  "model_definition",
  "model_version",
  "foundation_model",
] as const;

/** Registers `/ml/v4/models` and its revisions (docs/upstream/wml.md §5, §11 item 6). */
export function registerModelRoutes(router: Router, runtime: WmlRuntime): void {
  const route = (handler: (req: CatalogRequest) => CatalogResponse) => guarded(runtime.guard, "models", handler);
  router.add("POST", "/ml/v4/models", route((req) => createModel(runtime, req)));
  router.add("GET", "/ml/v4/models", route((req) => listModels(runtime, req)));
  router.add("GET", "/ml/v4/models/:id", route((req) => getModel(runtime, req)));
  router.add("PATCH", "/ml/v4/models/:id", route((req) => patchModel(runtime, req)));
  router.add("DELETE", "/ml/v4/models/:id", route((req) => deleteModel(runtime, req)));
  router.add("POST", "/ml/v4/models/:id/revisions", route((req) => createRevision(runtime, req)));
  router.add("GET", "/ml/v4/models/:id/revisions", route((req) => listRevisions(runtime, req)));
}

/** A single model answer: the resource plus `system.warnings: []` (docs/upstream/wml.md §5.4, §7). */
function single(status: number, doc: ModelDoc): CatalogResponse {
  return { status, body: { metadata: doc.metadata, entity: doc.entity, system: { warnings: [] } } };
}

/**
 * Builds a new model's current copy from a create body (docs/upstream/wml.md §5.2): `name`, `type` and
 * `software_spec` required, `schemas` in datarecord-metadata-v2 shape, no `rev`.
 */
export function newModel(body: Record<string, unknown>, container: Container, now: number, owner: string, retired: readonly string[]): ModelDoc {
  checkMetadataFields(body);
  if (typeof body.type !== "string" || body.type === "") throw invalidEntity("'type' is required, for example 'scikit-learn_1.3'.");
  if (body.software_spec === undefined) throw invalidEntity("'software_spec' is required.");
  const softwareSpec = resolveSoftwareSpec(body.software_spec, retired);
  if (body.custom !== undefined && !isPlainObject(body.custom)) throw invalidEntity("'custom' must be an object.");
  const schemas = schemasOf(body.schemas);
  const entity: ModelEntity = {
    type: body.type,
    software_spec: softwareSpec,
    hybrid_pipeline_software_specs: Array.isArray(body.hybrid_pipeline_software_specs) ? body.hybrid_pipeline_software_specs : [],
  };
  for (const field of PASSTHROUGH_FIELDS) if (body[field] !== undefined) entity[field] = structuredClone(body[field]);
  if (schemas) entity.schemas = schemas;
  if (body.custom !== undefined) entity.custom = structuredClone(body.custom as Record<string, unknown>);
  const at = iso(now);
  return {
    metadata: {
      id: randomUUID(),
      name: body.name,
      ...(body.description !== undefined && { description: body.description as string }),
      ...(body.tags !== undefined && { tags: [...(body.tags as string[])] }),
      created_at: at,
      modified_at: at,
      owner,
      ...(container.kind === "space" ? { space_id: container.id } : { project_id: container.id }),
      resource_key: randomUUID(),
      commit_info: { committed_at: at },
    },
    entity,
  };
}

function schemasOf(value: unknown): ModelEntity["schemas"] {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw invalidEntity("'schemas' must be an object {input?, output?}.");
  const result: NonNullable<ModelEntity["schemas"]> = {};
  for (const side of ["input", "output"] as const) {
    const list = value[side];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw invalidEntity(`'schemas.${side}' must be an array of record schemas.`);
    result[side] = list.map((s, i) => recordSchema(s, `schemas.${side}[${i}]`));
  }
  return result;
}

/** Checks a record schema against datarecord-metadata-v2's required members: `id`, `fields[{name, type}]`. */
function recordSchema(value: unknown, where: string): DataSchema {
  if (!isPlainObject(value) || typeof value.id !== "string" || !Array.isArray(value.fields)) throw invalidEntity(`'${where}' needs 'id' and 'fields'.`);
  value.fields.forEach((f, j) => {
    if (!isPlainObject(f) || typeof f.name !== "string" || typeof f.type !== "string") throw invalidEntity(`'${where}.fields[${j}]' needs 'name' and 'type' strings.`);
  });
  return structuredClone(value) as unknown as DataSchema;
}

function createModel(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const body = jsonObjectBody(req);
  const container = containerFromBody(body, req.query);
  const doc = newModel(body, container, runtime.clock.now(), runtime.owner, runtime.retiredSoftwareSpecs);
  runtime.store.insertModel(container, doc);
  return single(201, doc);
}

/** GET one: no `rev` → current copy (no `metadata.rev`), `rev=latest` or `rev=<n>` → that revision (§5.4). */
function getModel(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const container = containerFromQuery(req.query);
  const id = req.params.id;
  const current = runtime.store.getModel(container, id);
  if (!current) throw modelNotFound(id);
  const rev = req.query.get("rev");
  if (rev === null || rev === "") return single(200, current);
  if (rev !== "latest" && !/^[1-9]\d*$/.test(rev)) {
    throw new WmlHttpError(400, "invalid_query_parameter", `Invalid query parameter 'rev': expected 'latest' or a revision number, got '${rev}'.`);
  }
  const number = rev === "latest" ? runtime.store.latestRevisionNumber(id) : Number(rev);
  const revision = number > 0 ? runtime.store.getRevision(id, number) : undefined;
  if (!revision) throw modelNotFound(id, rev);
  return single(200, revision);
}

/** GET list: `limit` (default 100, max 200), opaque `start`, `tag.value`, relative hrefs without `version` (§3.3, §5.3). */
function listModels(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const q = req.query;
  const container = containerFromQuery(q);
  const tag = q.get("tag.value");
  const all = runtime.store.listModels(container).filter((m) => tag === null || matchesTags(m.metadata.tags ?? [], tag));
  const page = paginate(all, q);
  const params: [string, string][] = [containerParam(container)];
  if (tag !== null) params.push(["tag.value", tag]);
  return {
    status: 200,
    body: {
      ...(q.get("total_count") === "true" && { total_count: all.length }),
      limit: page.limit,
      first: collectionHref("/ml/v4/models", params, page.limit),
      ...(page.nextStart !== undefined && { next: collectionHref("/ml/v4/models", params, page.limit, page.nextStart) }),
      resources: page.items.map((m) => ({ metadata: m.metadata, entity: m.entity })),
      system: { warnings: [] },
    },
  };
}

function patchModel(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const container = containerFromQuery(req.query);
  const body = jsonBody(req);
  return runtime.store.transaction(() => {
    const current = runtime.store.getModel(container, req.params.id);
    if (!current) throw modelNotFound(req.params.id);
    const next = applyModelPatch(current, body, runtime.clock.now(), runtime.retiredSoftwareSpecs);
    runtime.store.saveModel(next);
    return single(200, next);
  });
}

function deleteModel(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const container = containerFromQuery(req.query);
  if (!runtime.store.deleteModel(container, req.params.id)) throw modelNotFound(req.params.id);
  return { status: 204 };
}

/** POST revisions: a snapshot of the current copy with `rev` "1", "2", … and `commit_info` (§5.6). */
function createRevision(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const body = req.body.length === 0 ? {} : jsonObjectBody(req);
  const container = containerFromBody(body, req.query);
  if (body.commit_message !== undefined && typeof body.commit_message !== "string") throw invalidEntity("'commit_message' must be a string.");
  return runtime.store.transaction(() => {
    const current = runtime.store.getModel(container, req.params.id);
    if (!current) throw modelNotFound(req.params.id);
    const at = iso(runtime.clock.now());
    const rev = String(runtime.store.latestRevisionNumber(current.metadata.id) + 1);
    const revision: ModelDoc = structuredClone(current);
    revision.metadata.rev = rev;
    revision.metadata.commit_info = { committed_at: at, ...(body.commit_message !== undefined && { commit_message: body.commit_message as string }) };
    current.metadata.commit_info = { committed_at: at };
    runtime.store.addRevision(current, revision);
    return single(201, revision);
  });
}

/** GET revisions: `{metadata}`-only entries, newest first, paged like models (§5.6, §3.3). */
function listRevisions(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const container = containerFromQuery(req.query);
  const id = req.params.id;
  if (!runtime.store.getModel(container, id)) throw modelNotFound(id);
  const page = paginate(runtime.store.listRevisions(id), req.query);
  const params: [string, string][] = [containerParam(container)];
  const path = `/ml/v4/models/${id}/revisions`;
  return {
    status: 200,
    body: {
      limit: page.limit,
      first: collectionHref(path, params, page.limit),
      ...(page.nextStart !== undefined && { next: collectionHref(path, params, page.limit, page.nextStart) }),
      resources: page.items.map((r) => ({ metadata: r.metadata })),
      system: { warnings: [] },
    },
  };
}
