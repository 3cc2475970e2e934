import { isPlainObject } from "../plain-object.js";
import { arr, checkField, int, obj, str } from "./connection-spec.js";
import type { EntityRepository } from "./entity-repository.js";
import { constraintViolations, invalidRequestFormat } from "./errors.js";
import { jsonAnswer } from "./json.js";
import { parseJson, type ExtraRoutes, type RouteContext } from "./routes.js";
import { parseTestConnectionResult } from "./service-rules.js";

/** A service's `PUT /{id}/testConnectionResult` (docs/upstream/openmetadata.md §3.12): stored without a version bump. */
export function testConnectionRoutes(repository: EntityRepository, context: RouteContext): ExtraRoutes {
  return (add, { base, render, requireUuid }) => {
    add(
      "PUT",
      `${base}/:id/testConnectionResult`,
      (req, caller) => {
        context.auth.authorize(caller, "EditAll");
        const result = parseTestConnectionResult(parseJson(req));
        const entity = repository.store.transaction(() => {
          const stored = repository.get({ id: requireUuid(req.params.id) }, "non-deleted");
          const updated = { ...stored, testConnectionResult: result };
          repository.store.update(updated);
          return updated;
        });
        return jsonAnswer(200, render(entity, caller, "all"));
      },
      "json",
    );
  };
}

const STATUS_TYPES = ["Successful", "Failed", "Pending", "Skipped"];
/** `entity/data/pipeline.json#/definitions/pipelineStatus`. */
const PIPELINE_STATUS = obj(
  {
    timestamp: int(),
    executionStatus: str({ enum: STATUS_TYPES }),
    taskStatus: arr(obj({ name: str(), executionStatus: str({ enum: STATUS_TYPES }), startTime: int(), endTime: int(), logLink: str() }, ["name", "executionStatus"])),
  },
  ["timestamp", "executionStatus"],
);

/**
 * A pipeline's `PUT /{fqn}/status`: one run (`pipelineStatus`) stored per timestamp, a run of the same
 * timestamp replaced; the pipeline answers with its latest run as `pipelineStatus` (no version bump).
 */
export function pipelineStatusRoutes(repository: EntityRepository, context: RouteContext): ExtraRoutes {
  return (add, { base, render }) => {
    add(
      "PUT",
      `${base}/:fqn/status`,
      (req, caller) => {
        context.auth.authorize(caller, "EditAll");
        const status = parseJson(req);
        if (!isPlainObject(status)) throw invalidRequestFormat();
        const shapeProblems = checkField(PIPELINE_STATUS, status, "pipelineStatus", "pipeline");
        if (shapeProblems.some((p) => p.kind !== "required")) throw invalidRequestFormat();
        if (shapeProblems.length > 0) throw constraintViolations(shapeProblems.map((p) => `${p.path.slice(p.path.lastIndexOf(".") + 1)} must not be null`));
        const entity = repository.store.transaction(() => {
          const stored = repository.get({ name: req.params.fqn }, "non-deleted");
          repository.store.putStatus(stored.id, status.timestamp as number, status);
          const updated = { ...stored, pipelineStatus: repository.store.latestStatus(stored.id) };
          repository.store.update(updated);
          return updated;
        });
        return jsonAnswer(200, render(entity, caller, "all"), { "x-openmetadata-change": "entityUpdated" });
      },
      "json",
    );
  };
}
