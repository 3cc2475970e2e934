import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

export type CatalogDatabase = Database.Database;

/** How long a statement waits for another connection's (or process's) write lock before failing. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens the local catalog's SQLite store: a file (created with its folder) or `:memory:`.
 * Every part of the catalog creates its own tables with `CREATE TABLE IF NOT EXISTS`. Several processes
 * may open one file: each waits up to BUSY_TIMEOUT_MS for the write lock (with `writeTransaction`).
 */
export function openDatabase(file: string): CatalogDatabase {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  if (file !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  return db;
}

/**
 * Runs `work` as one write transaction that takes the write lock as it begins (`BEGIN IMMEDIATE`), waiting
 * for it up to the busy timeout. A deferred transaction that reads first and writes later cannot wait:
 * when another process wrote in between, SQLite fails it at once with SQLITE_BUSY ("database is locked").
 * Inside another transaction it is a savepoint of that one.
 */
export function writeTransaction<T>(db: CatalogDatabase, work: () => T): T {
  return db.transaction(work).immediate();
}
