import { randomUUID } from "node:crypto";
import type { CatalogDatabase } from "../database.js";

/**
 * Puts a child entity (a pipeline, an ML model) under a service in the catalog's store, so that
 * deleting the service without `recursive=true` answers 400 `{T} is not empty`
 * (openmetadata-contract.md §3.7). For tests and sample data; the catalog serves no child routes.
 */
export function addServiceChild(db: CatalogDatabase, serviceId: string, name = "child"): string {
  const id = randomUUID();
  db.prepare("INSERT INTO om_service_children (id, service_id, name, deleted) VALUES (?, ?, ?, 0)").run(id, serviceId, name);
  return id;
}
