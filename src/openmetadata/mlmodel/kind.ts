import { badInput } from "../../errors.js";
import { assetKind } from "../entity/asset.js";
import type { EntityKind } from "../entity/kind.js";
import { referenceIdentity } from "../entity/patch.js";
import { modelDeployment } from "./deployment.js";

/**
 * The ML model row (`/v1/mlmodels`, entity/data/mlmodel.json): its update fields are every field a
 * PATCH may change; `dashboard` (populated on request, like the relations) is given by FQN and sent
 * as a reference; `deployment` follows `server` to WML.
 */
export function mlModelKind(service: () => EntityKind): EntityKind {
  return assetKind({
    entityType: "mlmodel",
    collection: "mlmodels",
    typename: "MlModel",
    field: "mlModel",
    plural: "mlModels",
    noun: "mlmodel",
    service,
    relations: { dashboard: "value" },
    patchFields: [
      { name: "algorithm", path: "/algorithm", shape: "scalar", required: true },
      { name: "mlFeatures", path: "/mlFeatures", shape: "list" },
      { name: "mlHyperParameters", path: "/mlHyperParameters", shape: "list" },
      { name: "target", path: "/target", shape: "scalar" },
      { name: "mlStore", path: "/mlStore", shape: "scalar" },
      { name: "server", path: "/server", shape: "scalar" },
      { name: "sourceUrl", path: "/sourceUrl", shape: "scalar" },
      { name: "dashboard", path: "/dashboard", reference: "dashboard", relation: "dashboard", shape: "scalar", identity: referenceIdentity },
    ],
    createRequest: singleDomain,
    typeFields: {
      mlFeatures: (model: { mlFeatures?: unknown[] }) => model.mlFeatures ?? [],
      mlHyperParameters: (model: { mlHyperParameters?: unknown[] }) => model.mlHyperParameters ?? [],
      deployment: modelDeployment,
    },
  });
}

/**
 * `CreateMlModel` names its domain as one FQN, `domain` (api/data/createMlModel.json), where the other
 * kinds take a `domains` list: the input keeps the common `domains`, which may hold one FQN at most.
 */
function singleDomain(request: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const { domains, ...rest } = request;
  if (!Array.isArray(domains)) return request;
  if (domains.length > 1) throw badInput(`${prefix}.domains`, `an ML model belongs to one domain at most, got ${domains.length}`);
  return domains.length === 1 ? { ...rest, domain: domains[0] } : rest;
}
