import { assetKind } from "../entity/asset.js";
import type { EntityKind } from "../entity/kind.js";
import { addPipelineStatusField } from "./status.js";

/**
 * The pipeline row (`/v1/pipelines`, entity/data/pipeline.json): `tasks` and `pipelineStatus` (the
 * latest run) are populated on request; tasks are updated as one whole list; runs are added with
 * `addPipelineStatus`.
 */
export function pipelineKind(service: () => EntityKind): EntityKind {
  const kind: EntityKind = assetKind({
    entityType: "pipeline",
    collection: "pipelines",
    typename: "Pipeline",
    field: "pipeline",
    plural: "pipelines",
    noun: "pipeline",
    service,
    relations: { tasks: "list", pipelineStatus: "value" },
    patchFields: [
      { name: "tasks", path: "/tasks", relation: "tasks", shape: "list" },
      { name: "sourceUrl", path: "/sourceUrl", shape: "scalar" },
      { name: "scheduleInterval", path: "/scheduleInterval", shape: "scalar" },
      { name: "startDate", path: "/startDate", shape: "scalar" },
      { name: "concurrency", path: "/concurrency", shape: "scalar" },
      { name: "pipelineLocation", path: "/pipelineLocation", shape: "scalar" },
    ],
    mutations: { addPipelineStatus: addPipelineStatusField(() => kind) },
  });
  return kind;
}
