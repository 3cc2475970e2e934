import type { Statement } from "better-sqlite3";
import { writeTransaction, type CatalogDatabase } from "../database.js";
import { toJson } from "./json.js";
import type { Cursor } from "./paging.js";
import type { ServiceEntity } from "./types.js";

/** `include` query parameter (`type/include.json`). */
export type Include = "non-deleted" | "deleted" | "all";

/** One page of a list, in name order, and the total of matching rows. */
export interface ServicePage {
  rows: ServiceEntity[];
  total: number;
  hasBefore: boolean;
  hasAfter: boolean;
}

/** A list query: which rows and which window. */
export interface ListQuery {
  include: Include;
  domainId?: string;
  limit: number;
  before?: Cursor;
  after?: Cursor;
}

/** Version numbers are kept as integer tenths in SQL so that 0.3 is exactly 0.3. */
export function tenths(version: number): number {
  return Math.round(version * 10);
}

/**
 * Services, their version snapshots and their (modelled) children in the shared SQLite store: tables
 * `om_services`, `om_service_versions` and `om_service_children`. Statements are prepared once.
 */
export class ServiceStore {
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
      CREATE TABLE IF NOT EXISTS om_service_versions (
        id TEXT NOT NULL,
        tenths INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (id, tenths)
      );
      CREATE TABLE IF NOT EXISTS om_service_children (
        id TEXT PRIMARY KEY,
        service_id TEXT NOT NULL,
        name TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS om_service_children_by_service ON om_service_children (service_id);
    `);
    this.statements = {
      byId: db.prepare("SELECT json FROM om_services WHERE kind = ? AND id = ?"),
      byFqn: db.prepare("SELECT json FROM om_services WHERE kind = ? AND fqn = ?"),
      insert: db.prepare("INSERT INTO om_services (id, kind, name, fqn, deleted, json) VALUES (?, ?, ?, ?, ?, ?)"),
      update: db.prepare("UPDATE om_services SET deleted = ?, json = ? WHERE id = ?"),
      remove: db.prepare("DELETE FROM om_services WHERE id = ?"),
      putVersion: db.prepare("INSERT OR REPLACE INTO om_service_versions (id, tenths, json) VALUES (?, ?, ?)"),
      getVersion: db.prepare("SELECT json FROM om_service_versions WHERE id = ? AND tenths = ?"),
      dropVersion: db.prepare("DELETE FROM om_service_versions WHERE id = ? AND tenths = ?"),
      listVersions: db.prepare("SELECT json FROM om_service_versions WHERE id = ? ORDER BY tenths DESC"),
      dropVersions: db.prepare("DELETE FROM om_service_versions WHERE id = ?"),
      addChild: db.prepare("INSERT INTO om_service_children (id, service_id, name, deleted) VALUES (?, ?, ?, 0)"),
      liveChildren: db.prepare("SELECT count(*) AS n FROM om_service_children WHERE service_id = ? AND deleted = 0"),
      markChildren: db.prepare("UPDATE om_service_children SET deleted = ? WHERE service_id = ?"),
      dropChildren: db.prepare("DELETE FROM om_service_children WHERE service_id = ?"),
    };
  }

  /** Runs `work` as one transaction (every write of the part is one). */
  transaction<T>(work: () => T): T {
    return writeTransaction(this.db, work);
  }

  /** A service of a kind by id, deleted or not. */
  findById(kind: string, id: string): ServiceEntity | undefined {
    return parse(this.statements.byId.get(kind, id));
  }

  /** A service of a kind by (quoted) FQN, deleted or not. */
  findByFqn(kind: string, fqn: string): ServiceEntity | undefined {
    return parse(this.statements.byFqn.get(kind, fqn));
  }

  /** Inserts a new service; a taken FQN surfaces as SQLite's unique-constraint error. */
  insert(kind: string, entity: ServiceEntity): void {
    this.statements.insert.run(entity.id, kind, entity.name, entity.fullyQualifiedName, entity.deleted ? 1 : 0, JSON.stringify(entity));
  }

  /** Replaces the stored document of a service. */
  update(entity: ServiceEntity): void {
    this.statements.update.run(entity.deleted ? 1 : 0, JSON.stringify(entity), entity.id);
  }

  /** Removes a service, its history and its children (hard delete). */
  remove(id: string): void {
    this.statements.remove.run(id);
    this.statements.dropVersions.run(id);
    this.statements.dropChildren.run(id);
  }

  /** Stores (or replaces) the snapshot of a version. */
  putVersion(entity: ServiceEntity): void {
    this.statements.putVersion.run(entity.id, tenths(entity.version), toJson(entity));
  }

  /** The snapshot of one version. */
  getVersion(id: string, versionTenths: number): ServiceEntity | undefined {
    return parse(this.statements.getVersion.get(id, versionTenths));
  }

  /** Removes the snapshot of one version (an undone consolidated change). */
  dropVersion(id: string, versionTenths: number): void {
    this.statements.dropVersion.run(id, versionTenths);
  }

  /** All snapshots, newest first. */
  listVersions(id: string): ServiceEntity[] {
    return (this.statements.listVersions.all(id) as { json: string }[]).map((row) => JSON.parse(row.json) as ServiceEntity);
  }

  /** Adds a child entity (a pipeline, an ML model) under a service, so that deleting it needs `recursive`. */
  addChild(serviceId: string, childId: string, name: string): void {
    this.statements.addChild.run(childId, serviceId, name);
  }

  /** How many children of a service are not soft-deleted. */
  liveChildren(serviceId: string): number {
    return (this.statements.liveChildren.get(serviceId) as { n: number }).n;
  }

  /** Soft-deletes or restores all children of a service (recursive delete, restore). */
  markChildren(serviceId: string, deleted: boolean): void {
    this.statements.markChildren.run(deleted ? 1 : 0, serviceId);
  }

  /** One page of a kind's services ordered by name then id (openmetadata-contract.md §3.1). */
  list(kind: string, query: ListQuery): ServicePage {
    const { page, count } = this.listStatements(query);
    const filters: unknown[] = [kind];
    if (query.domainId !== undefined) filters.push(query.domainId);
    const total = (count.get(...filters) as { n: number }).n;
    if (query.limit === 0) return { rows: [], total, hasBefore: false, hasAfter: false };
    const cursor = query.after ?? query.before;
    const args = cursor ? [...filters, cursor.name, cursor.name, cursor.id, query.limit + 1] : [...filters, query.limit + 1];
    let rows = (page.all(...args) as { json: string }[]).map((row) => JSON.parse(row.json) as ServiceEntity);
    const more = rows.length > query.limit;
    rows = rows.slice(0, query.limit);
    if (query.before) {
      rows.reverse();
      return { rows, total, hasBefore: more, hasAfter: true };
    }
    return { rows, total, hasBefore: query.after !== undefined && rows.length > 0, hasAfter: more };
  }

  private listStatements(query: ListQuery): { page: Statement; count: Statement } {
    const key = `${query.include}|${query.domainId !== undefined}|${query.after ? "a" : query.before ? "b" : "-"}`;
    const cached = this.listCache.get(key);
    if (cached) return cached;
    const where = ["kind = ?"];
    if (query.include === "non-deleted") where.push("deleted = 0");
    if (query.include === "deleted") where.push("deleted = 1");
    if (query.domainId !== undefined) {
      where.push("EXISTS (SELECT 1 FROM json_each(om_services.json, '$.domains') AS d WHERE json_extract(d.value, '$.id') = ?)");
    }
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

function parse(row: unknown): ServiceEntity | undefined {
  return row ? (JSON.parse((row as { json: string }).json) as ServiceEntity) : undefined;
}
