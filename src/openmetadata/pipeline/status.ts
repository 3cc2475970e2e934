import type { Context } from "../../context.js";
import { nameArgument } from "../../security/ids.js";
import { encodeSegment } from "../../upstream/http.js";
import { stamp } from "../entity/api.js";
import type { EntityKind } from "../entity/kind.js";
import type { EntityResource } from "../entity/resource.js";
import { inputErrorOf } from "../entity/write-errors.js";

/** A status input as GraphQL hands it over: DateTime values are ISO strings, the upstream wants epoch milliseconds. */
interface PipelineStatusInput {
  timestamp: string;
  executionStatus: string;
  taskStatus?: ReadonlyArray<{ name: string; executionStatus: string; startTime?: string | null; endTime?: string | null; logLink?: string | null }> | null;
}

const millis = (value: string | null | undefined) => (value === undefined || value === null ? undefined : Date.parse(value));

/**
 * `addPipelineStatus(fullyQualifiedName, status)`: PUT `/v1/pipelines/{fqn}/status` with the run
 * (entity/data/pipeline.json `pipelineStatus`; timestamps in epoch milliseconds). The upstream stores
 * one status per timestamp and answers the pipeline, which primes the request's loaders.
 */
export function addPipelineStatusField(kind: () => EntityKind) {
  return async (_parent: unknown, args: { fullyQualifiedName: string; status: PipelineStatusInput }, ctx: Context): Promise<EntityResource> => {
    nameArgument("fullyQualifiedName", args.fullyQualifiedName);
    const { status } = args;
    const body = {
      timestamp: millis(status.timestamp),
      executionStatus: status.executionStatus,
      taskStatus: (status.taskStatus ?? []).map((task) => ({
        name: task.name,
        executionStatus: task.executionStatus,
        startTime: millis(task.startTime),
        endTime: millis(task.endTime),
        logLink: task.logLink ?? undefined,
      })),
    };
    const { upstream, scope } = ctx.openmetadata;
    const answer = await upstream
      .send<EntityResource>(
        {
          method: "PUT",
          path: `v1/${kind().collection}/${encodeSegment(args.fullyQualifiedName)}/status`,
          route: `PUT /v1/${kind().collection}/{fqn}/status`,
          json: body,
        },
        scope,
      )
      .catch((error: unknown) => {
        throw inputErrorOf(error, "status");
      });
    const pipeline = stamp(kind(), answer.body, answer.status);
    ctx.loaders.entities(kind()).prime(pipeline);
    return pipeline;
  };
}
