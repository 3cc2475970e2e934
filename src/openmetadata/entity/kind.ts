import type { PatchField } from "./patch.js";

/**
 * One kind of OpenMetadata entity: a row of the table (src/openmetadata/kinds.ts). OpenMetadata has one
 * REST shape for every entity kind (docs/upstream/openmetadata.md §3), so the behaviour is written once, in
 * this folder, and given the row of the kind it serves; a row names everything that differs.
 */
export interface EntityKind {
  /** OpenMetadata's entity type string (note the lower-case `m` of `mlmodelService`, §1.2). */
  readonly entityType: string;
  /** The REST collection below `/v1/`: `services/mlmodelServices`, `mlmodels`. */
  readonly collection: string;
  /** The GraphQL object type. */
  readonly typename: string;
  /** The singular query and the payload key (`mlModelService`); the plural query (`mlModelServices`). */
  readonly field: string;
  readonly plural: string;
  /** What the entity is called in messages (`mlmodelService`, `mlmodel`). */
  readonly noun: string;
  /**
   * The fields populated only when named in `fields` (§1.3) that the GraphQL type shows, with what the
   * type answers when the upstream has none: a list (`[]`) or a single value (`null`).
   */
  readonly relations: Readonly<Record<string, "list" | "value">>;
  /** The fields an update input may change, and how each becomes JSON Patch operations (patch.ts). */
  readonly patchFields: readonly PatchField[];
  /** List filters: GraphQL arguments of the plural query passed through as upstream query parameters. */
  readonly listFilters: readonly string[];
  /**
   * The create input as the upstream's `Create{T}` request, for what the common conversion leaves
   * (writes.ts); `prefix` names the input (`input`, `inputs[3]`) in a BAD_USER_INPUT.
   */
  readonly createRequest?: (request: Record<string, unknown>, prefix: string) => Record<string, unknown>;
  /** The update input's own fields in wire values, for fields the common conversion does not know. */
  readonly changes?: (input: Record<string, unknown>, snapshot: Record<string, unknown>) => Record<string, unknown>;
  /** Field resolvers of the kind's own fields (`connection`, `deployment`, `tasks`), beside the common ones. */
  readonly typeFields?: Readonly<Record<string, unknown>>;
  /** The kind's own mutations (`addPipelineStatus`). */
  readonly mutations?: Readonly<Record<string, unknown>>;
  /** The children a service holds, as a connection field over the child kind's list filtered by `service=`. */
  readonly children?: ReadonlyArray<{ readonly field: string; readonly kind: () => EntityKind }>;
  /** The field that links a data asset to its service, and the service kind. */
  readonly parent?: { readonly kind: () => EntityKind };
}

/** `Mlmodel` → `MlModel` is the typename; the mutation names are `<verb><Typename>`. */
export function mutationName(verb: string, kind: EntityKind, plural = false): string {
  return `${verb}${kind.typename}${plural ? "s" : ""}`;
}
