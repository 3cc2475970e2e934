import type { Statement } from "better-sqlite3";
import { writeTransaction, type CatalogDatabase } from "../database.js";
import { toJson } from "./json.js";
import type { Cursor } from "./paging.js";
import type { Entity } from "./types.js";

/** `include` query parameter (`type/include.json`). */
export type Include = "non-deleted" | "deleted" | "all";

/** One page of a list, in name order, and the total of matching rows. */
export interface EntityPage {
  rows: Entity[];
  total: number;
  hasBefore: boolean;
  hasAfter: boolean;
}

/** A list query: which rows and which window. */
export interface ListQuery {
  include: Include;
  domainId?: string;
  /** Only the assets of this service (`?service=`). */
  parentId?: string;
  limit: number;
  before?: Cursor;
  after?: Cursor;
}

/** Version numbers are kept as integer tenths in SQL so that 0.3 is exactly 0.3. */
export function tenths(version: number): number {
  return Math.round(version * 10);
}

/**
 * Every entity of every kind (services, and the models and pipelines inside them, `parent_id`), their
 * version snapshots, and pipeline runs, in the shared SQLite store: tables `om_services`,
 * `om_service_versions` and `om_pipeline_status`. Statements are prepared once.
 */
export class EntityStore {
  private readonly statements: Record<string, Statement>;
  private readonly listCache = new Map<string, { page: Statement; count: Statement }>();

  constructor(private readonly db: CatalogDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS om_services (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        fqn TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        json TEXT NOT NULL,
        UNIQUE (kind, fqn)
      );
      CREATE INDEX IF NOT EXISTS om_services_by_name ON om_services (kind, name, id);
      CREATE TABLE IF NOT EXISTS om_pipeline_status (
        pipeline_id TEXT NOT NULL,
        timestamp INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (pipeline_id, timestamp)
      );
      CREATE TABLE IF NOT EXISTS om_service_versions (
        id TEXT NOT NULL,
        tenths INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (id, tenths)
      );
    `);
    // Data files written before assets had a parent column gain it.
    const columns = db.prepare("SELECT name FROM pragma_table_info('om_services')").all() as { name: string }[];
    if (!columns.some((c) => c.name === "parent_id")) db.exec("ALTER TABLE om_services ADD COLUMN parent_id TEXT");
    db.exec("CREATE INDEX IF NOT EXISTS om_services_by_parent ON om_services (parent_id)");
    this.statements = {
      byId: db.prepare("SELECT json FROM om_services WHERE kind = ? AND id = ?"),
      byFqn: db.prepare("SELECT json FROM om_services WHERE kind = ? AND fqn = ?"),
      insert: db.prepare("INSERT INTO om_services (id, kind, name, fqn, deleted, json, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      update: db.prepare("UPDATE om_services SET deleted = ?, json = ? WHERE id = ?"),
      remove: db.prepare("DELETE FROM om_services WHERE id = ?"),
      putVersion: db.prepare("INSERT OR REPLACE INTO om_service_versions (id, tenths, json) VALUES (?, ?, ?)"),
      getVersion: db.prepare("SELECT json FROM om_service_versions WHERE id = ? AND tenths = ?"),
      dropVersion: db.prepare("DELETE FROM om_service_versions WHERE id = ? AND tenths = ?"),
      listVersions: db.prepare("SELECT json FROM om_service_versions WHERE id = ? ORDER BY tenths DESC"),
      dropVersions: db.prepare("DELETE FROM om_service_versions WHERE id = ?"),
      liveChildren: db.prepare("SELECT count(*) AS n FROM om_services WHERE parent_id = ? AND deleted = 0"),
      children: db.prepare("SELECT json FROM om_services WHERE parent_id = ?"),
      putStatus: db.prepare("INSERT OR REPLACE INTO om_pipeline_status (pipeline_id, timestamp, json) VALUES (?, ?, ?)"),
      latestStatus: db.prepare("SELECT json FROM om_pipeline_status WHERE pipeline_id = ? ORDER BY timestamp DESC LIMIT 1"),
      dropStatus: db.prepare("DELETE FROM om_pipeline_status WHERE pipeline_id = ?"),
    };
  }

  /** Runs `work` as one transaction (every write of the part is one). */
  transaction<T>(work: () => T): T {
    return writeTransaction(this.db, work);
  }

  /** A service of a kind by id, deleted or not. */
  findById(kind: string, id: string): Entity | undefined {
    return parse(this.statements.byId.get(kind, id));
  }

  /** A service of a kind by (quoted) FQN, deleted or not. */
  findByFqn(kind: string, fqn: string): Entity | undefined {
    return parse(this.statements.byFqn.get(kind, fqn));
  }

  /** Inserts a new entity (inside `parentId` for an asset); a taken FQN surfaces as SQLite's unique-constraint error. */
  insert(kind: string, entity: Entity, parentId?: string): void {
    this.statements.insert.run(entity.id, kind, entity.name, entity.fullyQualifiedName, entity.deleted ? 1 : 0, JSON.stringify(entity), parentId ?? null);
  }

  /** Replaces the stored document of a service. */
  update(entity: Entity): void {
    this.statements.update.run(entity.deleted ? 1 : 0, JSON.stringify(entity), entity.id);
  }

  /** Removes an entity, its history and its pipeline runs (hard delete). */
  remove(id: string): void {
    this.statements.remove.run(id);
    this.statements.dropVersions.run(id);
    this.statements.dropStatus.run(id);
  }

  /** Stores (or replaces) the snapshot of a version. */
  putVersion(entity: Entity): void {
    this.statements.putVersion.run(entity.id, tenths(entity.version), toJson(entity));
  }

  /** The snapshot of one version. */
  getVersion(id: string, versionTenths: number): Entity | undefined {
    return parse(this.statements.getVersion.get(id, versionTenths));
  }

  /** Removes the snapshot of one version (an undone consolidated change). */
  dropVersion(id: string, versionTenths: number): void {
    this.statements.dropVersion.run(id, versionTenths);
  }

  /** All snapshots, newest first. */
  listVersions(id: string): Entity[] {
    return (this.statements.listVersions.all(id) as { json: string }[]).map((row) => JSON.parse(row.json) as Entity);
  }

  /** How many assets inside an entity are not soft-deleted. */
  liveChildren(parentId: string): number {
    return (this.statements.liveChildren.get(parentId) as { n: number }).n;
  }

  /** The assets inside an entity, deleted or not. */
  children(parentId: string): Entity[] {
    return (this.statements.children.all(parentId) as { json: string }[]).map((row) => JSON.parse(row.json) as Entity);
  }

  /** Stores one pipeline run (replacing one of the same timestamp). */
  putStatus(pipelineId: string, timestamp: number, status: unknown): void {
    this.statements.putStatus.run(pipelineId, timestamp, JSON.stringify(status));
  }

  /** The latest stored run of a pipeline. */
  latestStatus(pipelineId: string): Record<string, unknown> | undefined {
    const row = this.statements.latestStatus.get(pipelineId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Record<string, unknown>) : undefined;
  }

  /** One page of a kind's services ordered by name then id (docs/upstream/openmetadata.md §3.1). */
  list(kind: string, query: ListQuery): EntityPage {
    const { page, count } = this.listStatements(query);
    const filters: unknown[] = [kind];
    if (query.domainId !== undefined) filters.push(query.domainId);
    if (query.parentId !== undefined) filters.push(query.parentId);
    const total = (count.get(...filters) as { n: number }).n;
    if (query.limit === 0) return { rows: [], total, hasBefore: false, hasAfter: false };
    const cursor = query.after ?? query.before;
    const args = cursor ? [...filters, cursor.name, cursor.name, cursor.id, query.limit + 1] : [...filters, query.limit + 1];
    let rows = (page.all(...args) as { json: string }[]).map((row) => JSON.parse(row.json) as Entity);
    const more = rows.length > query.limit;
    rows = rows.slice(0, query.limit);
    if (query.before) {
      rows.reverse();
      return { rows, total, hasBefore: more, hasAfter: true };
    }
    return { rows, total, hasBefore: query.after !== undefined && rows.length > 0, hasAfter: more };
  }

  private listStatements(query: ListQuery): { page: Statement; count: Statement } {
    const key = `${query.include}|${query.domainId !== undefined}|${query.parentId !== undefined}|${query.after ? "a" : query.before ? "b" : "-"}`;
    const cached = this.listCache.get(key);
    if (cached) return cached;
    const where = ["kind = ?"];
    if (query.include === "non-deleted") where.push("deleted = 0");
    if (query.include === "deleted") where.push("deleted = 1");
    if (query.domainId !== undefined) {
      where.push("EXISTS (SELECT 1 FROM json_each(om_services.json, '$.domains') AS d WHERE json_extract(d.value, '$.id') = ?)");
    }
    if (query.parentId !== undefined) where.push("parent_id = ?");
    const count = this.db.prepare(`SELECT count(*) AS n FROM om_services WHERE ${where.join(" AND ")}`);
    let window = "";
    let order = "ORDER BY name, id";
    if (query.after) window = " AND (name > ? OR (name = ? AND id > ?))";
    if (query.before) {
      window = " AND (name < ? OR (name = ? AND id < ?))";
      order = "ORDER BY name DESC, id DESC";
    }
    const page = this.db.prepare(`SELECT json FROM om_services WHERE ${where.join(" AND ")}${window} ${order} LIMIT ?`);
    const statements = { page, count };
    this.listCache.set(key, statements);
    return statements;
  }
}

function parse(row: unknown): Entity | undefined {
  return row ? (JSON.parse((row as { json: string }).json) as Entity) : undefined;
}
