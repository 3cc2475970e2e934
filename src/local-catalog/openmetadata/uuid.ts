import { randomUUID } from "node:crypto";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether a string is a UUID as Java's `UUID.fromString` would accept it in a path (canonical form). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** A fresh entity id. */
export function newId(): string {
  return randomUUID();
}
