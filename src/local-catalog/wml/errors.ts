import { randomBytes } from "node:crypto";
import type { CatalogResponse } from "../router.js";

/**
 * Which of the three envelope variants of docs/upstream/wml.md §6.1 an answer uses: deployments carry no
 * `status_code`, models a string one, the shared gateway's 401 an integer one.
 */
export type ErrorStyle = "deployments" | "models" | "auth";

/** The documentation link IBM puts in `more_info` (docs/upstream/wml.md §6.1). */
export const MORE_INFO = "https://cloud.ibm.com/apidocs/machine-learning";

/** One `errors[]` item of the envelope (docs/upstream/wml.md §6.1). */
export interface WmlErrorItem {
  code: string;
  message: string;
  more_info?: string;
}

/** The error envelope of docs/upstream/wml.md §6.1, also used inside `entity.status.failure` (§4.2). */
export interface WmlErrorEnvelope {
  trace: string;
  errors: WmlErrorItem[];
  status_code?: string | number;
}

/** A request the WML part refuses; route wrappers render it in their endpoint's style (docs/upstream/wml.md §6). */
export class WmlHttpError extends Error {
  override readonly name = "WmlHttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A 32-hex trace id as IBM sends in every envelope (docs/upstream/wml.md §6.1). */
export function newTrace(): string {
  return randomBytes(16).toString("hex");
}

/** Builds the envelope of docs/upstream/wml.md §6.1 in the given style. */
export function errorEnvelope(status: number, code: string, message: string, style: ErrorStyle): WmlErrorEnvelope {
  switch (style) {
    case "deployments":
      return { trace: newTrace(), errors: [{ code, message }] };
    case "models":
      return { trace: newTrace(), errors: [{ code, message, more_info: MORE_INFO }], status_code: String(status) };
    case "auth":
      return { trace: newTrace(), errors: [{ code, message, more_info: MORE_INFO }], status_code: status };
  }
}

/** Renders a refused request as an HTTP answer (docs/upstream/wml.md §6). */
export function errorResponse(error: WmlHttpError, style: ErrorStyle): CatalogResponse {
  return { status: error.status, body: errorEnvelope(error.status, error.code, error.message, style), headers: error.headers };
}

/** 400 `invalid_request_entity` with IBM's "Invalid request entity: …" prefix (docs/upstream/wml.md §6.2). */
export function invalidEntity(detail: string): WmlHttpError {
  return new WmlHttpError(400, "invalid_request_entity", `Invalid request entity: ${detail}`);
}

/** 404 `deployment_does_not_exist` with the recorded message (docs/upstream/wml.md §6.1, §4.5). */
export function deploymentNotFound(id: string): WmlHttpError {
  return new WmlHttpError(404, "deployment_does_not_exist", `Deployment with id '${id}' does not exist. Re-try with a valid deployment id.`);
}

/** 404 for models, following the deployment message pattern (docs/upstream/wml.md §6.2 [A], §11 item 2). */
export function modelNotFound(id: string, rev?: string): WmlHttpError {
  return rev === undefined
    ? new WmlHttpError(404, "model_does_not_exist", `Model with id '${id}' does not exist. Re-try with a valid model id.`)
    : new WmlHttpError(404, "model_does_not_exist", `Model with id '${id}' and rev '${rev}' does not exist. Re-try with a valid model id and rev.`);
}
