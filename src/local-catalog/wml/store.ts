import type { Statement } from "better-sqlite3";
import { writeTransaction, type CatalogDatabase } from "../database.js";
import type { WmlErrorEnvelope } from "./errors.js";
import type { Container } from "./guard.js";
import type { HardwareSpec, SoftwareSpec } from "./specs.js";

/** Deployment states of docs/upstream/wml.md §4.2. */
export type DeploymentState = "initializing" | "updating" | "ready" | "failed";

/** `Rel`: the deployed asset, `rev` optional and always a string (docs/upstream/wml.md §3.2, §1.5). */
export interface AssetRel {
  id: string;
  rev?: string;
}

/** `Message` (docs/upstream/wml.md §3.2). */
export interface StatusMessage {
  level?: "debug" | "info" | "warning";
  text: string;
}

/** `status.scaling` after a `num_nodes` patch (docs/upstream/wml.md §4.2, §4.6.2). */
export interface ScalingStatus {
  state: "in_progress" | "completed";
  attempted_at: string;
  requested_replicas: number;
  deployed_replicas: number;
}

/** `entity.status` as stored; URLs are added when rendered (docs/upstream/wml.md §4.2). */
export interface DeploymentStatus {
  state: DeploymentState;
  message?: StatusMessage;
  failure?: WmlErrorEnvelope;
  scaling?: ScalingStatus;
}

/** `ResourceMeta`, the metadata block every WML resource carries (docs/upstream/wml.md §3.1). */
export interface ResourceMetadata {
  id: string;
  name: string;
  description?: string;
  tags?: string[];
  created_at: string;
  modified_at: string;
  owner: string;
  space_id?: string;
  project_id?: string;
}

/** The deployment entity of docs/upstream/wml.md §4.1, as stored. */
export interface DeploymentEntity {
  asset?: AssetRel;
  custom: Record<string, unknown>;
  deployed_asset_type: string;
  description?: string;
  hardware_spec: HardwareSpec;
  name: string;
  online?: { parameters?: Record<string, unknown> };
  batch?: { parameters?: Record<string, unknown> };
  space_id?: string;
  project_id?: string;
  tags?: string[];
  status: DeploymentStatus;
}

/** A deployment resource without its rendered URLs and `system` block (docs/upstream/wml.md §3.1). */
export interface DeploymentDoc {
  metadata: ResourceMetadata;
  entity: DeploymentEntity;
}

/** The outcomes a redeploy can be scripted to have (docs/upstream/wml.md §4.6.3 item 2). */
export type RedeployOutcome = "succeed" | "rollback" | "fail";

/**
 * A state change that becomes true at `dueAt` (clock milliseconds) and is applied lazily on the next
 * read (docs/upstream/wml.md §4.3, §4.6.3, §11 items 3-4).
 */
export type PendingStep =
  | { kind: "create"; dueAt: number; outcome: "ready" | "failed"; failure?: WmlErrorEnvelope }
  | { kind: "asset"; dueAt: number; outcome: RedeployOutcome; previous: AssetRel; requested: AssetRel }
  | { kind: "restart"; dueAt: number; resume: DeploymentState }
  | { kind: "scaling"; dueAt: number };

/** A stored deployment with the state changes still due. */
export interface DeploymentRecord {
  doc: DeploymentDoc;
  pending: PendingStep[];
}

/** One field of a datarecord-metadata-v2 schema (docs/upstream/wml.md §5.1). */
export interface DataField {
  name: string;
  type: string;
  nullable?: boolean;
  metadata?: Record<string, unknown>;
}

/** A datarecord-metadata-v2 record schema (docs/upstream/wml.md §5.1). */
export interface DataSchema {
  id: string;
  name?: string;
  type?: string;
  fields: DataField[];
}

/** `ResourceMeta` of a model or model revision (docs/upstream/wml.md §3.1, §5.4, §5.6). */
export interface ModelMetadata extends ResourceMetadata {
  resource_key: string;
  commit_info: { committed_at: string; commit_message?: string };
  rev?: string;
}

/** The model entity of docs/upstream/wml.md §5.1; fields not modelled here pass through as given. */
export interface ModelEntity {
  type: string;
  software_spec: SoftwareSpec;
  schemas?: { input?: DataSchema[]; output?: DataSchema[] };
  custom?: Record<string, unknown>;
  hybrid_pipeline_software_specs: unknown[];
  [field: string]: unknown;
}

/** A model resource (current copy or revision) without its `system` block (docs/upstream/wml.md §5.4). */
export interface ModelDoc {
  metadata: ModelMetadata;
  entity: ModelEntity;
}

/** The key a container is stored under. */
export function containerKey(container: Container): string {
  return `${container.kind}:${container.id}`;
}

/**
 * The WML part's SQLite tables (`wml_` prefix): deployments with their due state changes, models and
 * their revisions. Statements are prepared once. Single-statement writes run as they are (SQLite makes
 * each statement atomic, and the routes open the transaction around them); `addRevision`, which writes
 * twice, is one transaction of its own.
 */
export class WmlStore {
  private readonly statements: Record<string, Statement>;

  constructor(private readonly db: CatalogDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS wml_deployments (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        container TEXT NOT NULL,
        serving_name TEXT UNIQUE,
        doc TEXT NOT NULL,
        pending TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS wml_deployments_container ON wml_deployments (container);
      CREATE TABLE IF NOT EXISTS wml_models (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        container TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS wml_models_container ON wml_models (container);
      CREATE TABLE IF NOT EXISTS wml_model_revisions (
        model_id TEXT NOT NULL REFERENCES wml_models (id) ON DELETE CASCADE,
        rev INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (model_id, rev)
      );
    `);
    this.statements = {
      getDeployment: db.prepare("SELECT doc, pending FROM wml_deployments WHERE id = ? AND container = ?"),
      listDeployments: db.prepare("SELECT doc, pending FROM wml_deployments WHERE container = ? ORDER BY seq"),
      servingNameOwner: db.prepare("SELECT id FROM wml_deployments WHERE serving_name = ?"),
      insertDeployment: db.prepare("INSERT INTO wml_deployments (id, container, serving_name, doc, pending) VALUES (?, ?, ?, ?, ?)"),
      saveDeployment: db.prepare("UPDATE wml_deployments SET serving_name = ?, doc = ?, pending = ? WHERE id = ?"),
      deleteDeployment: db.prepare("DELETE FROM wml_deployments WHERE id = ? AND container = ?"),
      getModel: db.prepare("SELECT doc FROM wml_models WHERE id = ? AND container = ?"),
      listModels: db.prepare("SELECT doc FROM wml_models WHERE container = ? ORDER BY seq"),
      insertModel: db.prepare("INSERT INTO wml_models (id, container, doc) VALUES (?, ?, ?)"),
      saveModel: db.prepare("UPDATE wml_models SET doc = ? WHERE id = ?"),
      deleteModel: db.prepare("DELETE FROM wml_models WHERE id = ? AND container = ?"),
      insertRevision: db.prepare("INSERT INTO wml_model_revisions (model_id, rev, doc) VALUES (?, ?, ?)"),
      latestRevision: db.prepare("SELECT max(rev) AS rev FROM wml_model_revisions WHERE model_id = ?"),
      getRevision: db.prepare("SELECT doc FROM wml_model_revisions WHERE model_id = ? AND rev = ?"),
      listRevisions: db.prepare("SELECT doc FROM wml_model_revisions WHERE model_id = ? ORDER BY rev DESC"),
    };
  }

  /** Runs `fn` as one transaction (reads that settle due state changes write too). */
  transaction<T>(fn: () => T): T {
    return writeTransaction(this.db, fn);
  }

  getDeployment(container: Container, id: string): DeploymentRecord | undefined {
    const row = this.statements.getDeployment.get(id, containerKey(container)) as { doc: string; pending: string } | undefined;
    return row && toRecord(row);
  }

  listDeployments(container: Container): DeploymentRecord[] {
    const rows = this.statements.listDeployments.all(containerKey(container)) as { doc: string; pending: string }[];
    return rows.map(toRecord);
  }

  /** Serving names are unique beyond one space (docs/upstream/wml.md §4.3). */
  servingNameOwner(servingName: string): string | undefined {
    const row = this.statements.servingNameOwner.get(servingName) as { id: string } | undefined;
    return row?.id;
  }

  insertDeployment(container: Container, record: DeploymentRecord): void {
    this.statements.insertDeployment.run(
      record.doc.metadata.id,
      containerKey(container),
      servingNameOf(record.doc) ?? null,
      JSON.stringify(record.doc),
      JSON.stringify(record.pending),
    );
  }

  saveDeployment(record: DeploymentRecord): void {
    this.statements.saveDeployment.run(servingNameOf(record.doc) ?? null, JSON.stringify(record.doc), JSON.stringify(record.pending), record.doc.metadata.id);
  }

  deleteDeployment(container: Container, id: string): boolean {
    return this.statements.deleteDeployment.run(id, containerKey(container)).changes > 0;
  }

  getModel(container: Container, id: string): ModelDoc | undefined {
    const row = this.statements.getModel.get(id, containerKey(container)) as { doc: string } | undefined;
    return row && (JSON.parse(row.doc) as ModelDoc);
  }

  listModels(container: Container): ModelDoc[] {
    const rows = this.statements.listModels.all(containerKey(container)) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as ModelDoc);
  }

  insertModel(container: Container, doc: ModelDoc): void {
    this.statements.insertModel.run(doc.metadata.id, containerKey(container), JSON.stringify(doc));
  }

  saveModel(doc: ModelDoc): void {
    this.statements.saveModel.run(JSON.stringify(doc), doc.metadata.id);
  }

  /** Removes a model; its revisions go with it (`ON DELETE CASCADE`, same statement). */
  deleteModel(container: Container, id: string): boolean {
    return this.statements.deleteModel.run(id, containerKey(container)).changes > 0;
  }

  /** Stores a revision snapshot and the current copy's new `commit_info` together (docs/upstream/wml.md §5.6). */
  addRevision(current: ModelDoc, revision: ModelDoc): void {
    this.transaction(() => {
      this.statements.insertRevision.run(current.metadata.id, Number(revision.metadata.rev), JSON.stringify(revision));
      this.statements.saveModel.run(JSON.stringify(current), current.metadata.id);
    });
  }

  latestRevisionNumber(modelId: string): number {
    const row = this.statements.latestRevision.get(modelId) as { rev: number | null };
    return row.rev ?? 0;
  }

  getRevision(modelId: string, rev: number): ModelDoc | undefined {
    const row = this.statements.getRevision.get(modelId, rev) as { doc: string } | undefined;
    return row && (JSON.parse(row.doc) as ModelDoc);
  }

  /** Revisions newest first (docs/upstream/wml.md §3.3 [R S4]). */
  listRevisions(modelId: string): ModelDoc[] {
    const rows = this.statements.listRevisions.all(modelId) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as ModelDoc);
  }
}

/** The serving name of an online deployment, if it has one (docs/upstream/wml.md §4.1). */
export function servingNameOf(doc: DeploymentDoc): string | undefined {
  const name = doc.entity.online?.parameters?.serving_name;
  return typeof name === "string" ? name : undefined;
}

function toRecord(row: { doc: string; pending: string }): DeploymentRecord {
  return { doc: JSON.parse(row.doc) as DeploymentDoc, pending: JSON.parse(row.pending) as PendingStep[] };
}
