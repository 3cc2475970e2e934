import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

export type CatalogDatabase = Database.Database;

/**
 * Opens the local catalog's SQLite store: a file (created with its folder) or `:memory:`.
 * Every part of the catalog creates its own tables with `CREATE TABLE IF NOT EXISTS`.
 */
export function openDatabase(file: string): CatalogDatabase {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  if (file !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  return db;
}
