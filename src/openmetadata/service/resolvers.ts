import type { Resolvers } from "../../__generated__/resolvers-types.js";
import { changeDescriptionFields, serviceTypeFields } from "./fields.js";
import { ML_MODEL_SERVICE, PIPELINE_SERVICE } from "./kinds.js";
import { getServiceField, listServicesField, servicePageFields } from "./reads.js";
import type { ServiceResource } from "./resource.js";

/**
 * The resolvers of OpenMetadata services: the same behaviour for every kind, wired to each kind's
 * public names (schema/mlmodel-service.graphql, schema/pipeline-service.graphql).
 */
export const serviceResolvers: Resolvers = {
  Query: {
    mlModelService: getServiceField(ML_MODEL_SERVICE),
    mlModelServices: listServicesField(ML_MODEL_SERVICE),
    pipelineService: getServiceField(PIPELINE_SERVICE),
    pipelineServices: listServicesField(PIPELINE_SERVICE),
  },
  CatalogService: {
    __resolveType: (service: ServiceResource) => (isPipelineService(service) ? "PipelineService" : "MlModelService"),
  },
  MlModelService: serviceTypeFields(ML_MODEL_SERVICE),
  PipelineService: serviceTypeFields(PIPELINE_SERVICE),
  MlModelServiceConnection: servicePageFields,
  PipelineServiceConnection: servicePageFields,
  ...changeDescriptionFields,
};

const ML_MODEL_SERVICE_TYPES = new Set(["Mlflow", "Sklearn", "CustomMlModel", "SageMaker", "VertexAI"]);

function isPipelineService(service: ServiceResource): boolean {
  return typeof service.href === "string" ? service.href.includes("/pipelineServices/") : !ML_MODEL_SERVICE_TYPES.has(service.serviceType);
}
