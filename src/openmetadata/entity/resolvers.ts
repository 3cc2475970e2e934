import type { Resolvers } from "../../__generated__/resolvers-types.js";
import { createOrUpdateEntitiesField } from "./bulk.js";
import { changeDescriptionFields, entityTypeFields } from "./fields.js";
import { mutationName, type EntityKind } from "./kind.js";
import { connectionFields } from "../../graphql/paging.js";
import { getEntityField, listEntitiesField } from "./reads.js";
import { TYPENAME, type EntityResource } from "./resource.js";
import {
  createEntityField,
  createOrUpdateEntityField,
  deleteEntityField,
  followEntityField,
  patchEntityField,
  restoreEntityField,
  updateEntityField,
} from "./writes.js";

/**
 * The resolvers of every kind of the table, each operation named by the one pattern (API.md, "Every
 * OpenMetadata entity kind from one table"): `<kind>`, `<kinds>`, `create<Kind>`, `createOrUpdate<Kind>`,
 * `createOrUpdate<Kinds>`, `update<Kind>`, `patch<Kind>`, `delete<Kind>`, `restore<Kind>`,
 * `follow<Kind>`, `unfollow<Kind>`; the type, its connection type, and the interfaces' type resolution;
 * and `queries` over several kinds (`catalogServices`).
 */
export function resolversOf(kinds: readonly EntityKind[], queries: Readonly<Record<string, unknown>> = {}): Resolvers {
  const Query: Record<string, unknown> = { ...queries };
  const Mutation: Record<string, unknown> = {};
  const types: Record<string, unknown> = {};
  for (const kind of kinds) {
    Query[kind.field] = getEntityField(kind);
    Query[kind.plural] = listEntitiesField(kind);
    Mutation[mutationName("create", kind)] = createEntityField(kind);
    Mutation[mutationName("createOrUpdate", kind)] = createOrUpdateEntityField(kind);
    Mutation[mutationName("createOrUpdate", kind, true)] = createOrUpdateEntitiesField(kind);
    Mutation[mutationName("update", kind)] = updateEntityField(kind);
    Mutation[mutationName("patch", kind)] = patchEntityField(kind);
    Mutation[mutationName("delete", kind)] = deleteEntityField(kind);
    Mutation[mutationName("restore", kind)] = restoreEntityField(kind);
    Mutation[mutationName("follow", kind)] = followEntityField(kind, true);
    Mutation[mutationName("unfollow", kind)] = followEntityField(kind, false);
    Object.assign(Mutation, kind.mutations);
    types[kind.typename] = entityTypeFields(kind);
    types[`${kind.typename}Connection`] = connectionFields;
  }
  const resolveType = (entity: EntityResource) => typenameOf(kinds, entity);
  return {
    Query,
    Mutation,
    ...types,
    CatalogService: { __resolveType: resolveType },
    CatalogEntity: { __resolveType: resolveType },
    ...changeDescriptionFields,
  } as Resolvers;
}

/** The GraphQL type of a document: stamped by the reads and writes of its kind, else by its `href` collection. */
function typenameOf(kinds: readonly EntityKind[], entity: EntityResource): string | null {
  const stamped = (entity as { [TYPENAME]?: string })[TYPENAME];
  if (stamped) return stamped;
  const href = typeof entity.href === "string" ? entity.href : "";
  return kinds.find((kind) => href.includes(`/v1/${kind.collection}/`))?.typename ?? null;
}
