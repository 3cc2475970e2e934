import type { CatalogResponse } from "../router.js";
import { CatalogError, invalidRequestFormat } from "./errors.js";
import { jsonAnswer } from "./json.js";
import type { RouteContext } from "./routes.js";
import type { EntityRepository } from "./entity-repository.js";
import type { Caller, Entity } from "./types.js";

/** One successful item (`BulkResponse` of OpenMetadata's `BulkOperationResult`, plus `index` and `status`). */
export interface BulkSuccess {
  index: number;
  /** The service name of the request. */
  request: string;
  /** The `X-OpenMetadata-Change` value the single PUT would have answered. */
  message: string;
  status: number;
}

/** One failed item: the create request as sent and the error a single PUT would have answered. */
export interface BulkFailure {
  index: number;
  request: unknown;
  message: string;
  status: number;
}

/** The outcome of item `index`, in input order: the entity, or the error body. */
export type BulkItemResult =
  | { index: number; status: number; change: string; entity: Record<string, unknown> }
  | { index: number; status: number; error: { code: number; message: string } };

/**
 * `PUT /api/v1/{collection}/bulk` — body: an array of create requests (seed 002). Real servers lack this
 * route for services (docs/upstream/openmetadata.md §3.13) but have it for data assets; the catalog serves it for every kind unless `bulk: false`.
 *
 * Each item is one independent create-or-update with the PUT rules (§3.5) in its own transaction: a bad
 * item never fails its siblings. Always 200 (when authenticated and the body is an array), with a body
 * modelled on OpenMetadata's `BulkOperationResult`:
 *
 * ```json
 * {
 *   "status": "success" | "partialSuccess" | "failure",
 *   "numberOfRowsProcessed": 3, "numberOfRowsPassed": 2, "numberOfRowsFailed": 1,
 *   "successRequest": [ { "index": 0, "request": "mlflow_prod", "message": "entityCreated", "status": 201 } ],
 *   "failedRequest":  [ { "index": 2, "request": { "name": "x::y", "serviceType": "Mlflow" },
 *                         "message": "[name must match \"^((?!::).)*$\"]", "status": 400 } ],
 *   "results": [
 *     { "index": 0, "status": 201, "change": "entityCreated", "entity": { "id": "…", "name": "mlflow_prod", "…": "…" } },
 *     { "index": 1, "status": 200, "change": "entityNoChange", "entity": { "…": "…" } },
 *     { "index": 2, "status": 400, "error": { "code": 400, "message": "[name must match \"^((?!::).)*$\"]" } }
 *   ]
 * }
 * ```
 *
 * `results[i]` always answers input `i` (same length, same order); `index` in `successRequest` /
 * `failedRequest` points back into the input too. `status` is what the single PUT would have answered.
 */
export function handleBulk(
  repository: EntityRepository,
  body: unknown,
  caller: Caller,
  context: RouteContext,
  render: (entity: Entity, caller: Caller) => Record<string, unknown>,
): CatalogResponse {
  if (!Array.isArray(body)) throw invalidRequestFormat();
  const successRequest: BulkSuccess[] = [];
  const failedRequest: BulkFailure[] = [];
  const results: BulkItemResult[] = [];
  body.forEach((item: unknown, index) => {
    try {
      const result = repository.createOrUpdate(item, caller, context.now(), (operation) => context.auth.authorize(caller, operation));
      const status = result.change === "entityCreated" ? 201 : 200;
      successRequest.push({ index, request: result.entity.name, message: result.change, status });
      results.push({ index, status, change: result.change, entity: render(result.entity, caller) });
    } catch (error) {
      const failure = error instanceof CatalogError ? error : new CatalogError(500, (error as Error).message);
      failedRequest.push({ index, request: item, message: failure.message, status: failure.status });
      results.push({ index, status: failure.status, error: { code: failure.status, message: failure.message } });
    }
  });
  const passed = successRequest.length;
  const failed = failedRequest.length;
  return jsonAnswer(200, {
    status: failed === 0 ? "success" : passed === 0 ? "failure" : "partialSuccess",
    numberOfRowsProcessed: body.length,
    numberOfRowsPassed: passed,
    numberOfRowsFailed: failed,
    successRequest,
    failedRequest,
    results,
  });
}
