/**
 * OpenMetadata's wire shapes for services, as the resolvers receive them (codegen mappers). Fields are
 * exactly as on the wire (openmetadata-contract.md §2); unknown keys are tolerated (§12.24).
 */

export interface EntityReferenceResource {
  id: string;
  type: string;
  name?: string;
  fullyQualifiedName?: string;
  displayName?: string;
  deleted?: boolean;
  href?: string;
}

export interface TagLabelResource {
  tagFQN: string;
  source: string;
  labelType: string;
  state: string;
  name?: string;
  displayName?: string;
  description?: string;
}

export interface FieldChangeResource {
  name: string;
  oldValue?: unknown;
  newValue?: unknown;
}

export interface ChangeDescriptionResource {
  fieldsAdded?: FieldChangeResource[];
  fieldsUpdated?: FieldChangeResource[];
  fieldsDeleted?: FieldChangeResource[];
  previousVersion?: number;
}

/** An ML model service or a pipeline service. */
export interface ServiceResource {
  id: string;
  name: string;
  fullyQualifiedName: string;
  serviceType: string;
  displayName?: string;
  description?: string;
  version: number;
  updatedAt?: number;
  updatedBy?: string;
  href?: string;
  deleted?: boolean;
  owners?: EntityReferenceResource[];
  tags?: TagLabelResource[];
  domains?: EntityReferenceResource[];
  connection?: { config?: Record<string, unknown> };
  changeDescription?: ChangeDescriptionResource;
  [key: string]: unknown;
}

/** Marks a service document that is a historical snapshot: its relations are not to be re-read. */
export const SNAPSHOT = Symbol("snapshot");

/** OpenMetadata's `ResultList` paging block (§3.1). */
export interface PagingResource {
  before?: string;
  after?: string;
  total: number;
}

/** One page of a service list, as answered by GET `/v1/services/{collection}`. */
export interface ServicePageResource {
  data: ServiceResource[];
  paging: PagingResource;
}

/** OpenMetadata's `EntityHistory` (§3.9): each version a JSON-encoded string, newest first. */
export interface EntityHistoryResource {
  entityType: string;
  versions: Array<string | ServiceResource>;
}
