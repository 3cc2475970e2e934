/** A reference to another entity as stored (no `href`; it is added when rendered). */
export interface EntityReference {
  id: string;
  type: string;
  name?: string;
  fullyQualifiedName?: string;
  displayName?: string;
  description?: string;
  deleted?: boolean;
  inherited?: boolean;
}

/** A tag or glossary-term label (`type/tagLabel.json`). */
export interface TagLabel {
  tagFQN: string;
  name?: string;
  displayName?: string;
  description?: string;
  source: "Classification" | "Glossary";
  labelType: string;
  state: string;
}

/** One entry of a change description (`fieldChange`); list values are JSON-encoded strings. */
export interface FieldChange {
  name: string;
  oldValue?: unknown;
  newValue?: unknown;
}

/** Who changed a field, when, and from which source (`changeSummary`, newer servers). */
export interface ChangeSummaryEntry {
  changeSource?: string;
  changedBy?: string;
  changedAt?: number;
}

/** `changeDescription` / `incrementalChangeDescription` (docs/upstream/openmetadata.md §5.3). */
export interface ChangeDescription {
  fieldsAdded: FieldChange[];
  fieldsUpdated: FieldChange[];
  fieldsDeleted: FieldChange[];
  previousVersion: number;
  changeSummary?: Record<string, ChangeSummaryEntry>;
}

/**
 * What every entity the catalog stores has: the common part of the entity schemas (services,
 * `entity/data/mlmodel.json`, `pipeline.json`), without `href`. Each kind adds its own keys.
 */
export interface Entity {
  id: string;
  name: string;
  fullyQualifiedName: string;
  description?: string;
  displayName?: string;
  version: number;
  updatedAt: number;
  updatedBy: string;
  impersonatedBy?: string;
  tags: TagLabel[];
  owners: EntityReference[];
  changeDescription?: ChangeDescription;
  incrementalChangeDescription?: ChangeDescription;
  deleted: boolean;
  entityStatus?: string;
  dataProducts: EntityReference[];
  followers: EntityReference[];
  domains: EntityReference[];
  /** Custom properties (`type/basic.json#/definitions/entityExtension`). */
  extension?: Record<string, unknown>;
  /** `type/lifeCycle.json`, where the kind's schema has it. */
  lifeCycle?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A service as stored: every field of the entity schema except `href` and `pipelines`. */
export interface ServiceEntity extends Entity {
  serviceType: string;
  connection?: { config?: Record<string, unknown> };
  testConnectionResult?: Record<string, unknown>;
  ingestionRunner?: EntityReference;
}

/** A data asset inside a service (an ML model, a pipeline) as stored. */
export interface AssetEntity extends Entity {
  service: EntityReference;
  serviceType: string;
}

/** The authenticated caller of a request (docs/upstream/openmetadata.md §9). */
export interface Caller {
  readonly name: string;
  readonly bot: boolean;
}
