import type { EntityKind } from "./kind.js";
import { COMMON_PATCH_FIELDS, type PatchField } from "./patch.js";

/** The relations every data asset shows (docs/upstream/openmetadata.md §1.3): the lists, and the single values. */
const ASSET_RELATIONS = {
  owners: "list",
  tags: "list",
  domains: "list",
  followers: "list",
  dataProducts: "list",
  extension: "value",
  lifeCycle: "value",
} as const;

/**
 * The governance fields every data asset may update beside the common ones: custom properties, merged
 * key by key (each property one whole value), and life cycle, whole.
 */
const ASSET_PATCH_FIELDS: readonly PatchField[] = [
  ...COMMON_PATCH_FIELDS,
  { name: "extension", path: "/extension", relation: "extension", shape: "keyed-object", members: "whole" },
  { name: "lifeCycle", path: "/lifeCycle", relation: "lifeCycle", shape: "scalar" },
];

/**
 * The row of a data asset that lives in a service (`/v1/mlmodels`, `/v1/pipelines`): created with
 * `service` (the service's FQN), listed with `service=`, linked to its service through the service
 * kind's loaders, and addressed by `service.name` FQNs.
 */
export function assetKind(
  row: Pick<EntityKind, "entityType" | "collection" | "typename" | "field" | "plural" | "noun" | "createRequest" | "typeFields" | "mutations"> & {
    service: () => EntityKind;
    relations?: EntityKind["relations"];
    patchFields: readonly PatchField[];
  },
): EntityKind {
  const { service, relations, patchFields, ...names } = row;
  return {
    ...names,
    relations: { ...ASSET_RELATIONS, ...relations },
    patchFields: [...ASSET_PATCH_FIELDS, ...patchFields],
    listFilters: ["service"],
    parent: { kind: service },
  };
}
