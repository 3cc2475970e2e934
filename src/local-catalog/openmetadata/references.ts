import type { CatalogDatabase } from "../database.js";
import { isPlainObject } from "../plain-object.js";
import { CatalogError, invalidRequestFormat, notFound } from "./errors.js";
import type { EntityReference, TagLabel } from "./types.js";
import { isUuid } from "./uuid.js";

/** The entity types services refer to, each with its REST collection. */
export const REFERENCE_COLLECTIONS = {
  user: "users",
  team: "teams",
  tag: "tags",
  glossaryTerm: "glossaryTerms",
  domain: "domains",
  dataProduct: "dataProducts",
} as const;

/** One of the referenced entity types. */
export type ReferenceType = keyof typeof REFERENCE_COLLECTIONS;

/** A referenced entity as stored: its type, id, FQN and its full JSON document. */
export interface ReferenceDocument {
  id: string;
  name: string;
  fullyQualifiedName: string;
  displayName?: string;
  description?: string;
  deleted?: boolean;
  [key: string]: unknown;
}

const LABEL_SOURCES = new Set(["Classification", "Glossary"]);
const LABEL_TYPES = new Set(["Manual", "Propagated", "Automated", "Derived", "Generated"]);
const LABEL_STATES = new Set(["Suggested", "Confirmed"]);

/**
 * The users, teams, tags, glossary terms, domains and data products services point at (table
 * `om_references`), and the checks that turn incoming references into stored ones: an unknown target is
 * a 404 `<type> instance for <id|fqn> not found` (docs/upstream/openmetadata.md §3.4, §4.3).
 */
export class ReferenceStore {
  private readonly byId;
  private readonly byFqn;
  private readonly listAll;
  private readonly insertRow;

  constructor(db: CatalogDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS om_references (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      fqn TEXT NOT NULL,
      json TEXT NOT NULL,
      UNIQUE (type, fqn)
    )`);
    this.byId = db.prepare<[string, string], { json: string }>("SELECT json FROM om_references WHERE type = ? AND id = ?");
    this.byFqn = db.prepare<[string, string], { json: string }>("SELECT json FROM om_references WHERE type = ? AND fqn = ?");
    this.listAll = db.prepare<[string], { json: string }>("SELECT json FROM om_references WHERE type = ? ORDER BY fqn, id");
    this.insertRow = db.prepare("INSERT INTO om_references (id, type, fqn, json) VALUES (?, ?, ?, ?)");
  }

  /** Stores a referenced entity (sample data). */
  insert(type: ReferenceType, doc: ReferenceDocument): void {
    this.insertRow.run(doc.id, type, doc.fullyQualifiedName, JSON.stringify(doc));
  }

  /** A referenced entity by id. */
  findById(type: ReferenceType, id: string): ReferenceDocument | undefined {
    const row = this.byId.get(type, id);
    return row ? (JSON.parse(row.json) as ReferenceDocument) : undefined;
  }

  /** A referenced entity by fully qualified name. */
  findByFqn(type: ReferenceType, fqn: string): ReferenceDocument | undefined {
    const row = this.byFqn.get(type, fqn);
    return row ? (JSON.parse(row.json) as ReferenceDocument) : undefined;
  }

  /** All entities of a type, by FQN. */
  list(type: ReferenceType): ReferenceDocument[] {
    return this.listAll.all(type).map((row) => JSON.parse(row.json) as ReferenceDocument);
  }

  /** The stored reference (no `href`) of an entity. */
  referenceOf(type: ReferenceType, doc: ReferenceDocument): EntityReference {
    return {
      id: doc.id,
      type,
      name: doc.name,
      fullyQualifiedName: doc.fullyQualifiedName,
      ...(doc.displayName !== undefined ? { displayName: doc.displayName } : {}),
      deleted: doc.deleted ?? false,
    };
  }

  /** A reference by id that must exist. */
  requireById(type: ReferenceType, id: unknown): EntityReference {
    if (typeof id !== "string") throw invalidRequestFormat();
    const doc = isUuid(id) ? this.findById(type, id) : undefined;
    if (!doc) throw notFound(type, id);
    return this.referenceOf(type, doc);
  }

  /** A reference by FQN that must exist. */
  requireByFqn(type: ReferenceType, fqn: unknown): EntityReference {
    if (typeof fqn !== "string") throw invalidRequestFormat();
    const doc = this.findByFqn(type, fqn);
    if (!doc) throw notFound(type, fqn);
    return this.referenceOf(type, doc);
  }

  /** Owners (`[{id, type}]`, users or teams), expanded and sorted by name; a non-array is a mapping error. */
  owners(value: unknown): EntityReference[] {
    return this.references(value, ["user", "team"], "owners").sort(byName);
  }

  /**
   * References of the given types given as `{id, type}` objects (PATCH on `/domains`, `/followers`,
   * `/dataProducts`), expanded; duplicates collapse.
   */
  references(value: unknown, types: ReferenceType[], field: string): EntityReference[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalidRequestFormat();
    const seen = new Map<string, EntityReference>();
    for (const item of value) {
      if (!isPlainObject(item)) throw invalidRequestFormat();
      const { id, type } = item as { id?: unknown; type?: unknown };
      if (typeof id !== "string" || typeof type !== "string") throw invalidRequestFormat();
      if (!(types as string[]).includes(type)) throw new CatalogError(400, `Invalid entity type ${type} for ${field}`);
      const ref = this.requireById(type as ReferenceType, id);
      seen.set(ref.id, ref);
    }
    return [...seen.values()];
  }

  /** References given as FQN strings (create requests' `domains` and `dataProducts`). */
  referencesByFqn(value: unknown, type: ReferenceType): EntityReference[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalidRequestFormat();
    const seen = new Map<string, EntityReference>();
    for (const fqn of value) {
      const ref = this.requireByFqn(type, fqn);
      seen.set(ref.id, ref);
    }
    return [...seen.values()];
  }

  /**
   * Tag labels: `tagFQN` must name a classification tag (`source: Classification`) or a glossary term
   * (`source: Glossary`); `source`, `labelType`, `state` take their schema defaults. Stored with the
   * tag's name and description; duplicates (same FQN) collapse, first wins.
   */
  tagLabels(value: unknown): TagLabel[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw invalidRequestFormat();
    const seen = new Map<string, TagLabel>();
    for (const item of value) {
      if (!isPlainObject(item)) throw invalidRequestFormat();
      const label = item as Record<string, unknown>;
      const source = label.source ?? "Classification";
      const labelType = label.labelType ?? "Manual";
      const state = label.state ?? "Confirmed";
      if (typeof label.tagFQN !== "string") throw invalidRequestFormat();
      if (typeof source !== "string" || !LABEL_SOURCES.has(source)) throw invalidRequestFormat();
      if (typeof labelType !== "string" || !LABEL_TYPES.has(labelType)) throw invalidRequestFormat();
      if (typeof state !== "string" || !LABEL_STATES.has(state)) throw invalidRequestFormat();
      const type: ReferenceType = source === "Glossary" ? "glossaryTerm" : "tag";
      const doc = this.findByFqn(type, label.tagFQN);
      if (!doc) throw notFound(type, label.tagFQN);
      if (seen.has(doc.fullyQualifiedName)) continue;
      seen.set(doc.fullyQualifiedName, {
        tagFQN: doc.fullyQualifiedName,
        name: doc.name,
        ...(doc.displayName !== undefined ? { displayName: doc.displayName } : {}),
        ...(doc.description !== undefined ? { description: doc.description } : {}),
        source: source as TagLabel["source"],
        labelType,
        state,
      });
    }
    return [...seen.values()];
  }
}

function byName(a: EntityReference, b: EntityReference): number {
  const x = a.name ?? "";
  const y = b.name ?? "";
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
