import type { Resolvers } from "../../__generated__/resolvers-types.js";
import { createOrUpdateServicesField } from "./bulk.js";
import { changeDescriptionFields, serviceTypeFields } from "./fields.js";
import { ML_MODEL_SERVICE, PIPELINE_SERVICE, type ServiceKind } from "./kinds.js";
import { getServiceField, listServicesField, servicePageFields } from "./reads.js";
import type { ServiceResource } from "./resource.js";
import { ML_MODEL_SERVICE_TYPES } from "./service-types.js";
import {
  createOrUpdateServiceField,
  createServiceField,
  deleteServiceField,
  patchServiceField,
  restoreServiceField,
  updateServiceField,
} from "./writes.js";

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
  Mutation: {
    createMlModelService: createServiceField(ML_MODEL_SERVICE),
    createOrUpdateMlModelService: createOrUpdateServiceField(ML_MODEL_SERVICE, "mlModelService"),
    createOrUpdateMlModelServices: createOrUpdateServicesField(ML_MODEL_SERVICE, "mlModelService"),
    updateMlModelService: updateServiceField(ML_MODEL_SERVICE, "mlModelService"),
    patchMlModelService: patchServiceField(ML_MODEL_SERVICE, "mlModelService"),
    deleteMlModelService: deleteServiceField(ML_MODEL_SERVICE),
    restoreMlModelService: restoreServiceField(ML_MODEL_SERVICE),
    createPipelineService: createServiceField(PIPELINE_SERVICE),
    createOrUpdatePipelineService: createOrUpdateServiceField(PIPELINE_SERVICE, "pipelineService"),
    createOrUpdatePipelineServices: createOrUpdateServicesField(PIPELINE_SERVICE, "pipelineService"),
    updatePipelineService: updateServiceField(PIPELINE_SERVICE, "pipelineService"),
    patchPipelineService: patchServiceField(PIPELINE_SERVICE, "pipelineService"),
    deletePipelineService: deleteServiceField(PIPELINE_SERVICE),
    restorePipelineService: restoreServiceField(PIPELINE_SERVICE),
  },
  CatalogService: {
    __resolveType: (service: ServiceResource) => kindOf(service).typename,
  },
  MlModelService: serviceTypeFields(ML_MODEL_SERVICE),
  PipelineService: serviceTypeFields(PIPELINE_SERVICE),
  MlModelServiceConnection: servicePageFields,
  PipelineServiceConnection: servicePageFields,
  ...changeDescriptionFields,
};

/** The kind of a service document: by its `href` collection, else by its service type. */
function kindOf(service: ServiceResource): ServiceKind {
  const isPipeline =
    typeof service.href === "string" ? service.href.includes(`/${PIPELINE_SERVICE.collection}/`) : !ML_MODEL_SERVICE_TYPES.includes(service.serviceType);
  return isPipeline ? PIPELINE_SERVICE : ML_MODEL_SERVICE;
}
