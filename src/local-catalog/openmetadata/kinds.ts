import { COMMON_CHANGE_FIELDS, json, named, scalar, type ChangeField } from "./change-description.js";
import { arr, int, obj, str, type ConnectionDefinitions, type FieldSpec } from "./connection-spec.js";
import { renderReference, type RenderOptions } from "./render.js";
import { API_SERVICE } from "./services/api.js";
import { DASHBOARD_SERVICE } from "./services/dashboard.js";
import { DATABASE_SERVICE } from "./services/database.js";
import { DRIVE_SERVICE } from "./services/drive.js";
import { LLM_SERVICE } from "./services/llm.js";
import { MCP_SERVICE } from "./services/mcp.js";
import { MESSAGING_SERVICE } from "./services/messaging.js";
import { METADATA_SERVICE } from "./services/metadata.js";
import { ML_MODEL_SERVICE } from "./services/mlmodel.js";
import { PIPELINE_SERVICE } from "./services/pipeline.js";
import { SEARCH_SERVICE } from "./services/search.js";
import { SECURITY_SERVICE } from "./services/security.js";
import { STORAGE_SERVICE } from "./services/storage.js";
import type { Entity, EntityReference } from "./types.js";

/**
 * How a `fields` relation is rendered when selected: `refs` (references with `href`), `ref` (one
 * reference), `list` (a list, `[]` when unset), `value` (as stored, when set), `computed` (only when
 * named explicitly, never in write answers: a service's ingestion pipelines, always `[]` here).
 */
export type Relation = "refs" | "ref" | "list" | "value" | "computed";

/**
 * One OpenMetadata entity kind with the generic REST shape (get by id / name, cursor list, POST, PUT,
 * PATCH, versions, delete, restore, followers; docs/upstream/openmetadata.md §3): one row of the catalog's
 * table. Routes, rendering, change descriptions and the repository are written once over these rows;
 * what a kind does differently lives in its rules (service-rules.ts, asset-rules.ts). Service rows are
 * written in `services/<kind>.ts` (service-row.ts builds them).
 */
export interface EntityKind {
  /** OpenMetadata's entity type string (`mlmodelService`, `mlmodel`, …, §1.2). */
  readonly entityType: string;
  /** The collection below `/api/v1/` (`services/mlmodelServices`, `mlmodels`). */
  readonly path: string;
  /** The entity schema's properties in schema order: the rendered key order and the keys a PATCH may leave. */
  readonly keys: readonly string[];
  /** The relations `fields` may name, and how each renders. */
  readonly relations: Readonly<Record<string, Relation>>;
  /** The fields a change description records, in the server's order (§5.3). */
  readonly changeFields: readonly ChangeField[];
  /** The keys a create request may carry (`additionalProperties: false`, §2.2). */
  readonly createKeys: ReadonlySet<string>;
  /** A service kind: its service types and connector definitions. An asset kind: the entity type of its service. */
  readonly service: { readonly types: readonly string[]; readonly connections: ConnectionDefinitions } | { readonly parent: string };
  /** The kind's own rendering of a key (undefined: the stored value). */
  readonly renderKey?: (key: string, entity: Entity, options: RenderOptions) => unknown;
  /** The kind's own create/PATCH keys and their shapes (Jackson mapping checks). */
  readonly ownFields?: Readonly<Record<string, FieldSpec>>;
}

/** An asset's `service` reference renders with its `href`. */
function renderService(key: string, entity: Entity, options: RenderOptions): unknown {
  return key === "service" ? renderReference(entity.service as EntityReference, options.baseUrl) : undefined;
}

const ASSET_RELATIONS: Record<string, Relation> = {
  owners: "refs",
  followers: "refs",
  tags: "list",
  domains: "refs",
  dataProducts: "refs",
  extension: "value",
  lifeCycle: "value",
  votes: "value",
  usageSummary: "value",
  sourceHash: "value",
};
/** Asset create keys every asset kind takes (`api/data/create*.json`). */
const ASSET_CREATE_KEYS = ["name", "displayName", "description", "tags", "owners", "service", "extension", "sourceUrl", "dataProducts", "domains", "lifeCycle", "sourceHash", "entityStatus"];
const ASSET_CHANGE_FIELDS: ChangeField[] = [...COMMON_CHANGE_FIELDS, json("extension"), json("lifeCycle"), scalar("sourceUrl")];

const tagLabels = arr(obj({}, [], true));
const featureSource = obj({ name: str(), dataType: str(), description: str(), fullyQualifiedName: str(), dataSource: obj({}, [], true), tags: tagLabels });
const mlFeature = obj({
  name: str(),
  dataType: str({ enum: ["numerical", "categorical"] }),
  description: str(),
  fullyQualifiedName: str(),
  featureSources: arr(featureSource),
  featureAlgorithm: str(),
  tags: tagLabels,
});

/** `/v1/mlmodels` (`entity/data/mlmodel.json`, `api/data/createMlModel.json`). */
export const ML_MODEL: EntityKind = {
  entityType: "mlmodel",
  path: "mlmodels",
  keys: [
    "id",
    "name",
    "fullyQualifiedName",
    "displayName",
    "description",
    "algorithm",
    "mlFeatures",
    "mlHyperParameters",
    "target",
    "dashboard",
    "mlStore",
    "server",
    "href",
    "owners",
    "followers",
    "tags",
    "usageSummary",
    "version",
    "updatedAt",
    "updatedBy",
    "service",
    "serviceType",
    "changeDescription",
    "incrementalChangeDescription",
    "deleted",
    "extension",
    "sourceUrl",
    "domains",
    "dataProducts",
    "votes",
    "lifeCycle",
    "certification",
    "sourceHash",
    "entityStatus",
  ],
  relations: { ...ASSET_RELATIONS, dashboard: "ref" },
  changeFields: [
    ...ASSET_CHANGE_FIELDS,
    scalar("algorithm"),
    named("mlFeatures"),
    named("mlHyperParameters"),
    scalar("target"),
    json("dashboard"),
    json("mlStore"),
    scalar("server"),
  ],
  createKeys: new Set([...ASSET_CREATE_KEYS, "algorithm", "mlFeatures", "target", "mlHyperParameters", "dashboard", "mlStore", "server", "domain"]),
  service: { parent: "mlmodelService" },
  renderKey: renderService,
  ownFields: {
    algorithm: str(),
    mlFeatures: arr(mlFeature),
    mlHyperParameters: arr(obj({ name: str(), value: str(), description: str() })),
    target: str(),
    mlStore: obj({ storage: str(), imageRepository: str() }),
    server: str(),
    sourceUrl: str(),
  },
};

const task = obj(
  {
    name: str(),
    displayName: str(),
    fullyQualifiedName: str(),
    description: str(),
    sourceUrl: str(),
    downstreamTasks: arr(str()),
    taskType: str(),
    taskSQL: str(),
    startDate: str(),
    endDate: str(),
    tags: tagLabels,
    owners: arr(obj({}, [], true)),
  },
  ["name"],
);

/** `/v1/pipelines` (`entity/data/pipeline.json`, `api/data/createPipeline.json`). */
export const PIPELINE: EntityKind = {
  entityType: "pipeline",
  path: "pipelines",
  keys: [
    "id",
    "name",
    "displayName",
    "fullyQualifiedName",
    "description",
    "dataProducts",
    "version",
    "updatedAt",
    "updatedBy",
    "sourceUrl",
    "concurrency",
    "pipelineLocation",
    "startDate",
    "tasks",
    "pipelineStatus",
    "state",
    "followers",
    "tags",
    "href",
    "owners",
    "service",
    "serviceType",
    "usageSummary",
    "changeDescription",
    "incrementalChangeDescription",
    "deleted",
    "extension",
    "scheduleInterval",
    "domains",
    "votes",
    "lifeCycle",
    "certification",
    "sourceHash",
    "entityStatus",
  ],
  relations: { ...ASSET_RELATIONS, tasks: "list", pipelineStatus: "value", scheduleInterval: "value" },
  changeFields: [
    ...ASSET_CHANGE_FIELDS,
    scalar("concurrency"),
    scalar("pipelineLocation"),
    scalar("startDate"),
    named("tasks"),
    scalar("state"),
    scalar("scheduleInterval"),
  ],
  createKeys: new Set([...ASSET_CREATE_KEYS, "concurrency", "pipelineLocation", "startDate", "tasks", "state", "scheduleInterval"]),
  service: { parent: "pipelineService" },
  renderKey: renderService,
  ownFields: {
    sourceUrl: str(),
    concurrency: int(),
    pipelineLocation: str(),
    startDate: str(),
    tasks: arr(task),
    state: str({ enum: ["Active", "Inactive"] }),
    scheduleInterval: str(),
  },
};

/** Every kind the catalog serves, services first (an asset's service is looked up in its row). */
export const ENTITY_KINDS: readonly EntityKind[] = [
  ML_MODEL_SERVICE,
  PIPELINE_SERVICE,
  DATABASE_SERVICE,
  DASHBOARD_SERVICE,
  MESSAGING_SERVICE,
  STORAGE_SERVICE,
  SEARCH_SERVICE,
  API_SERVICE,
  METADATA_SERVICE,
  DRIVE_SERVICE,
  SECURITY_SERVICE,
  LLM_SERVICE,
  MCP_SERVICE,
  ML_MODEL,
  PIPELINE,
];
