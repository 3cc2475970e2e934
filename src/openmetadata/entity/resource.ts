import type { ConnectionResource } from "../../graphql/paging.js";

/**
 * OpenMetadata's wire shapes for entities of every kind, as the resolvers receive them (codegen
 * mappers). Fields are exactly as on the wire (docs/upstream/openmetadata.md §2); unknown keys are tolerated
 * (§12.24).
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

/** An entity of any kind of the table (a service, an ML model, a pipeline): the common members, the rest open. */
export interface EntityResource {
  id: string;
  name: string;
  fullyQualifiedName: string;
  /** Services: their type; data assets: the type of the service they live in. */
  serviceType?: string;
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
  followers?: EntityReferenceResource[];
  dataProducts?: EntityReferenceResource[];
  /** Services only. */
  connection?: { config?: Record<string, unknown> };
  /** Data assets only: the service they live in. */
  service?: EntityReferenceResource;
  changeDescription?: ChangeDescriptionResource;
  [key: string]: unknown;
}

/** Marks a document that is a historical snapshot: its relations are not to be re-read. */
export const SNAPSHOT = Symbol("snapshot");

/** The GraphQL type of a document, stamped by the reads and writes of its kind (interfaces resolve by it). */
export const TYPENAME = Symbol("typename");

/** OpenMetadata's `ResultList` paging block (§3.1). */
export interface PagingResource {
  before?: string;
  after?: string;
  total: number;
}

/** One page of a list, as answered by GET on a collection. */
export interface EntityListResource {
  data: EntityResource[];
  paging: PagingResource;
}

/** One page of a kind's connection as the gateway answers it (the mapper of every `<Kind>Connection`, paging.ts). */
export type EntityPageResource = ConnectionResource<EntityResource>;

/** OpenMetadata's `EntityHistory` (§3.9): each version a JSON-encoded string, newest first. */
export interface EntityHistoryResource {
  entityType: string;
  versions: Array<string | EntityResource>;
}
