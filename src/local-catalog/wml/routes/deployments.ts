import { randomUUID } from "node:crypto";
import { isPlainObject } from "../../plain-object.js";
import type { CatalogRequest, CatalogResponse, Router } from "../../router.js";
import { deploymentNotFound, invalidEntity, WmlHttpError } from "../errors.js";
import { checkMetadataFields, containerFromBody, containerFromQuery, containerParam, guarded, iso, jsonBody, jsonObjectBody, type Container } from "../guard.js";
import { applyDeploymentPatch, parseAssetRel } from "../deployment-patch.js";
import { creationFailure, settle } from "../lifecycle.js";
import { collectionHref, DEFAULT_LIMIT, matchesTags } from "../paging.js";
import { findModel, type WmlRuntime } from "../runtime.js";
import { servingNameTaken, validateServingName } from "../serving-name.js";
import { resolveHardwareSpec } from "../specs.js";
import { servingNameOf, type AssetRel, type DeploymentDoc, type DeploymentRecord, type DeploymentState } from "../store.js";

/** The recorded warning on every response that carries `status.online_url` (docs/upstream/wml.md §7 [R S4]). */
export const ONLINE_URL_DEPRECATED = {
  id: "Deprecated",
  message: "online_url is deprecated and will be removed in a future release. Use serving_urls instead.",
} as const;

const STATES: readonly DeploymentState[] = ["initializing", "updating", "ready", "failed"];

/** Registers `/ml/v4/deployments` (docs/upstream/wml.md §4, §11 items 3-5). */
export function registerDeploymentRoutes(router: Router, runtime: WmlRuntime): void {
  const route = (handler: (req: CatalogRequest) => CatalogResponse) => guarded(runtime.guard, "deployments", handler);
  router.add("POST", "/ml/v4/deployments", route((req) => createDeployment(runtime, req)));
  router.add("GET", "/ml/v4/deployments", route((req) => listDeployments(runtime, req)));
  router.add("GET", "/ml/v4/deployments/:id", route((req) => getDeployment(runtime, req)));
  router.add("PATCH", "/ml/v4/deployments/:id", route((req) => patchDeployment(runtime, req)));
  router.add("DELETE", "/ml/v4/deployments/:id", route((req) => deleteDeployment(runtime, req)));
}

/**
 * Renders a deployment: `serving_urls` and the deprecated `online_url` for online deployments, and
 * `system.warnings` with the `Deprecated` warning whenever `online_url` is present (docs/upstream/wml.md §4.2, §7).
 * Shallow copies suffice: `status` is replaced, never changed in place, and every caller renders a
 * document it has finished with (just read, or already saved) into a body that is only serialised.
 */
export function renderDeployment(doc: DeploymentDoc, baseUrl: string) {
  const entity = { ...doc.entity };
  if (entity.online) {
    const urls = [`${baseUrl}/ml/v4/deployments/${doc.metadata.id}/predictions`];
    const servingName = servingNameOf(doc);
    if (servingName) urls.push(`${baseUrl}/ml/v4/deployments/${servingName}/predictions`);
    entity.status = { ...entity.status, online_url: { url: urls[0] }, serving_urls: urls } as typeof entity.status;
  }
  return { metadata: { ...doc.metadata }, entity, system: { warnings: entity.online ? [{ ...ONLINE_URL_DEPRECATED }] : [] } };
}

/** POST: 202 `initializing`; `ready` after `deployDelayMs`, `failed` when the asset does not exist (docs/upstream/wml.md §4.3, §11 item 3). */
function createDeployment(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const body = jsonObjectBody(req);
  const container = containerFromBody(body, req.query);
  if (container.kind !== "space") throw invalidEntity("deployments of models can only be created in a space; specify space_id.");
  checkMetadataFields(body);
  if (body.custom !== undefined && !isPlainObject(body.custom)) throw invalidEntity("'custom' must be an object.");
  const asset = assetOf(body);
  const kinds = (["online", "batch", "r_shiny"] as const).filter((k) => body[k] !== undefined);
  if (kinds.length !== 1) throw invalidEntity("exactly one of 'online', 'batch' or 'r_shiny' must be given.");
  const kind = kinds[0];
  if (kind === "r_shiny") throw invalidEntity("R Shiny deployments are not supported by this service.");
  const settings = body[kind];
  if (!isPlainObject(settings) || (settings.parameters !== undefined && !isPlainObject(settings.parameters))) throw invalidEntity(`'${kind}' must be an object with optional 'parameters'.`);
  const servingName = kind === "online" && isPlainObject(settings.parameters) && settings.parameters.serving_name !== undefined ? validateServingName(settings.parameters.serving_name) : undefined;
  const hardware = resolveHardwareSpec(body.hardware_spec ?? { name: "S" });
  if (hardware.num_nodes !== undefined) throw invalidEntity(`hardware_spec.num_nodes cannot be set when creating ${kind === "online" ? "an online deployment; patch it later" : "a batch deployment"}.`);

  return runtime.store.transaction(() => {
    if (servingName !== undefined && runtime.store.servingNameOwner(servingName) !== undefined) throw servingNameTaken(servingName);
    const now = runtime.clock.now();
    const id = randomUUID();
    const scope = { space_id: container.id };
    const description = body.description as string | undefined;
    const tags = body.tags as string[] | undefined;
    const doc: DeploymentDoc = {
      metadata: { id, name: body.name as string, ...(description !== undefined && { description }), ...(tags && { tags: [...tags] }), created_at: iso(now), modified_at: iso(now), owner: runtime.owner, ...scope },
      entity: {
        asset,
        custom: (body.custom as Record<string, unknown> | undefined) ?? {},
        deployed_asset_type: "model",
        ...(description !== undefined && { description }),
        hardware_spec: kind === "online" ? { ...hardware, num_nodes: 1 } : hardware,
        name: body.name as string,
        [kind]: structuredClone(settings),
        ...scope,
        ...(tags && { tags: [...tags] }),
        status: { state: "initializing" },
      },
    };
    const exists = findModel(runtime, container, asset) !== undefined;
    const record: DeploymentRecord = {
      doc,
      pending: [{ kind: "create", dueAt: now + runtime.deployDelayMs, outcome: exists ? "ready" : "failed", ...(!exists && { failure: creationFailure(asset) }) }],
    };
    runtime.store.insertDeployment(container, record);
    return { status: 202, body: renderDeployment(doc, runtime.baseUrl()) };
  });
}

function assetOf(body: Record<string, unknown>): AssetRel {
  if (body.asset === undefined) {
    if (body.prompt_template !== undefined) throw invalidEntity("prompt template deployments are not supported by this service.");
    throw invalidEntity("'asset' is required.");
  }
  return parseAssetRel(body.asset, "'asset'");
}

/** Loads a deployment and applies its due state changes in the same transaction. */
function loadSettled(runtime: WmlRuntime, container: Container, id: string): DeploymentRecord {
  const record = runtime.store.getDeployment(container, id);
  if (!record) throw deploymentNotFound(id);
  if (settle(record, runtime.clock.now())) runtime.store.saveDeployment(record);
  return record;
}

function getDeployment(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const container = containerFromQuery(req.query);
  const record = runtime.store.transaction(() => loadSettled(runtime, container, req.params.id));
  return { status: 200, body: renderDeployment(record.doc, runtime.baseUrl()) };
}

/** PATCH per §4.6: 200 for metadata, 202 `updating` for `/asset`, serving name, owner and scaling. */
function patchDeployment(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const container = containerFromQuery(req.query);
  const body = jsonBody(req);
  return runtime.store.transaction(() => {
    const record = loadSettled(runtime, container, req.params.id);
    const status = applyDeploymentPatch(record, body, {
      now: runtime.clock.now(),
      updateDelayMs: runtime.assetUpdateDelayMs,
      findModel: (asset) => findModel(runtime, container, asset),
      servingNameOwner: (name) => runtime.store.servingNameOwner(name),
    });
    runtime.store.saveDeployment(record);
    return { status, body: renderDeployment(record.doc, runtime.baseUrl()) };
  });
}

function deleteDeployment(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const container = containerFromQuery(req.query);
  if (!runtime.store.deleteDeployment(container, req.params.id)) throw deploymentNotFound(req.params.id);
  return { status: 204 };
}

/**
 * GET list (docs/upstream/wml.md §4.4): filters `serving_name`, `tag.value` (`a or b`, `a and b`), `asset_id`,
 * `name`, `type`, `state`; `conflict=true` with `serving_name` answers 409 when the name is taken
 * (no container needed); `stats=true` answers counts only. Like the real service, `limit` and `start` are
 * NOT honoured: every match is returned with a `first` href and no `next` (§4.4, §9 item 14). The
 * collection's `system` block follows the generated SDKs' nesting, `system.system.{warnings, stats}`
 * (§3.4).
 */
function listDeployments(runtime: WmlRuntime, req: CatalogRequest): CatalogResponse {
  const q = req.query;
  const servingName = q.get("serving_name");
  if (q.get("conflict") === "true") {
    if (servingName === null) throw invalidEntity("'conflict=true' needs 'serving_name'.");
    if (runtime.store.servingNameOwner(servingName) !== undefined) throw servingNameTaken(servingName);
    if (q.get("space_id") === null && q.get("project_id") === null) return { status: 200, body: collection([], [], DEFAULT_LIMIT, false, [], undefined) };
  }
  const container = containerFromQuery(q);
  const state = q.get("state");
  if (state !== null && !STATES.includes(state as DeploymentState)) {
    throw new WmlHttpError(400, "invalid_query_parameter", `Invalid query parameter 'state': expected one of ${STATES.join(", ")}, got '${state}'.`);
  }
  const records = runtime.store.transaction(() =>
    runtime.store.listDeployments(container).map((record) => {
      if (settle(record, runtime.clock.now())) runtime.store.saveDeployment(record);
      return record;
    }),
  );
  const tag = q.get("tag.value");
  const docs = records
    .map((r) => r.doc)
    .filter((d) => servingName === null || servingNameOf(d) === servingName)
    .filter((d) => tag === null || matchesTags(d.metadata.tags ?? [], tag))
    .filter((d) => q.get("asset_id") === null || d.entity.asset?.id === q.get("asset_id"))
    .filter((d) => q.get("name") === null || d.metadata.name === q.get("name"))
    .filter((d) => q.get("type") === null || d.entity.deployed_asset_type === q.get("type"))
    .filter((d) => state === null || d.entity.status.state === state);
  const requested = Number(q.get("limit"));
  const limit = Number.isInteger(requested) && requested > 0 ? requested : DEFAULT_LIMIT;
  const params: [string, string][] = [containerParam(container)];
  for (const key of ["serving_name", "tag.value", "asset_id", "name", "type", "state"]) {
    const value = q.get(key);
    if (value !== null) params.push([key, value]);
  }
  if (q.get("stats") === "true") {
    const stats = {
      space_id: container.id,
      total_count: docs.length,
      online_count: docs.filter((d) => d.entity.online).length,
      batch_count: docs.filter((d) => d.entity.batch).length,
      rshiny_count: 0,
    };
    return { status: 200, body: collection([], params, limit, q.get("total_count") === "true", [], stats) };
  }
  const resources = docs.map((d) => {
    const { metadata, entity } = renderDeployment(d, runtime.baseUrl());
    return { metadata, entity };
  });
  const warnings = resources.some((r) => r.entity.online) ? [{ ...ONLINE_URL_DEPRECATED }] : [];
  return { status: 200, body: collection(resources, params, limit, q.get("total_count") === "true", warnings, undefined) };
}

function collection(resources: unknown[], params: [string, string][], limit: number, withTotal: boolean, warnings: unknown[], stats: unknown) {
  return {
    ...(withTotal && { total_count: resources.length }),
    limit,
    first: collectionHref("/ml/v4/deployments", params, limit),
    resources,
    system: { system: { warnings, ...(stats !== undefined && { stats: [stats] }) } },
  };
}
