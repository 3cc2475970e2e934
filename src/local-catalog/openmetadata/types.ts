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

/** `changeDescription` / `incrementalChangeDescription` (openmetadata-contract.md §5.3). */
export interface ChangeDescription {
  fieldsAdded: FieldChange[];
  fieldsUpdated: FieldChange[];
  fieldsDeleted: FieldChange[];
  previousVersion: number;
  changeSummary?: Record<string, ChangeSummaryEntry>;
}

/** A service as stored: every field of the entity schema except `href` and `pipelines`. */
export interface ServiceEntity {
  id: string;
  name: string;
  fullyQualifiedName: string;
  serviceType: string;
  description?: string;
  displayName?: string;
  version: number;
  updatedAt: number;
  updatedBy: string;
  impersonatedBy?: string;
  connection?: { config?: Record<string, unknown> };
  testConnectionResult?: Record<string, unknown>;
  tags: TagLabel[];
  owners: EntityReference[];
  changeDescription?: ChangeDescription;
  incrementalChangeDescription?: ChangeDescription;
  deleted: boolean;
  entityStatus?: string;
  dataProducts: EntityReference[];
  followers: EntityReference[];
  domains: EntityReference[];
  ingestionRunner?: EntityReference;
}

/** The authenticated caller of a request (openmetadata-contract.md §9). */
export interface Caller {
  readonly name: string;
  readonly bot: boolean;
}
