import { ErrorCode, GatewayError } from "../../errors.js";
import type { DeploymentResource } from "./resource.js";

/** The public `DeploymentState` values. */
export type DeploymentStateValue = "INITIALIZING" | "UPDATING" | "READY" | "FAILED";

const STATES: Readonly<Record<string, DeploymentStateValue>> = {
  initializing: "INITIALIZING",
  updating: "UPDATING",
  ready: "READY",
  failed: "FAILED",
  // Legacy values IBM's client still tolerates (docs/upstream/wml.md §4.2).
  deploy_in_progress: "INITIALIZING",
  deploy_success: "READY",
  deploy_failure: "FAILED",
  deploy_failed: "FAILED",
};

/**
 * Maps `entity.status.state` to `DeploymentState` (docs/upstream/wml.md §4.2): the four documented values and
 * the legacy `DEPLOY_IN_PROGRESS`/`DEPLOY_SUCCESS`; a missing state reads as INITIALIZING (a create in
 * flight); anything else is an UPSTREAM_ERROR naming the value.
 */
export function toDeploymentState(raw: string | undefined): DeploymentStateValue {
  if (raw === undefined || raw === "") return "INITIALIZING";
  const state = STATES[raw.toLowerCase()];
  if (!state) throw new GatewayError(ErrorCode.UPSTREAM_ERROR, `WML answered an unknown deployment state ${JSON.stringify(raw)}`);
  return state;
}

/** Whether a deployment is still moving (`initializing` or `updating`; docs/upstream/wml.md §8). */
export function inProgress(deployment: DeploymentResource): boolean {
  const state = toDeploymentState(deployment.entity.status?.state);
  return state === "INITIALIZING" || state === "UPDATING";
}
