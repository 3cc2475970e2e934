import { badInput } from "../../errors.js";
import { sleep } from "../../upstream/retry.js";
import type { DeploymentResource } from "./resource.js";
import { inProgress, toDeploymentState } from "./state.js";

/** How an asset replacement is polled: the first read after `firstDelayMs`, then `factor` times longer each time, never above `maxDelayMs`. */
export interface PollTiming {
  firstDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

/** The default: first poll after a second, then 2 s, 4 s, 8 s, 10 s, 10 s … (docs/upstream/wml.md §8). */
export const DEFAULT_POLL_TIMING: PollTiming = { firstDelayMs: 1000, factor: 2, maxDelayMs: 10_000 };

/** `timeoutSeconds` when not given (docs/upstream/wml.md §8). */
export const DEFAULT_REDEPLOY_TIMEOUT_SECONDS = 120;

/** The most `timeoutSeconds` may ask for: a GraphQL request should not block for long (docs/upstream/wml.md §8: expose state rather than block). */
export const MAX_REDEPLOY_TIMEOUT_SECONDS = 900;

/** The public `ReplaceAssetOutcome` values. */
export type RedeployOutcome = "UPDATING" | "SUCCEEDED" | "ROLLED_BACK" | "FAILED" | "TIMED_OUT";

/**
 * What a settled (or still moving) deployment says about an asset replacement (docs/upstream/wml.md §4.6.3,
 * §9 item 5): still moving → UPDATING; `failed` → FAILED; `ready` with a `failure`, or `ready` on another
 * asset than the one requested → ROLLED_BACK (the old asset is still deployed); `ready` on the requested
 * asset → SUCCEEDED. Without `requested` (a restart that changed no asset), `ready` without a failure is SUCCEEDED.
 */
export function redeployOutcome(deployment: DeploymentResource, requested?: { id: string; rev?: string }): RedeployOutcome {
  const state = toDeploymentState(deployment.entity.status?.state);
  if (state === "INITIALIZING" || state === "UPDATING") return "UPDATING";
  if (state === "FAILED") return "FAILED";
  const failure = deployment.entity.status?.failure;
  if (failure && (failure.errors?.length ?? 0) > 0) return "ROLLED_BACK";
  if (!requested) return "SUCCEEDED";
  const asset = deployment.entity.asset;
  if (!asset || asset.id !== requested.id || (requested.rev !== undefined && asset.rev !== requested.rev)) return "ROLLED_BACK";
  return "SUCCEEDED";
}

/** The clock and sleep the poller uses; injectable so that tests need not wait. */
export interface PollEnvironment {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realEnvironment: PollEnvironment = {
  now: () => Date.now(),
  sleep,
};

/**
 * Reads the deployment with backoff until it leaves `initializing`/`updating` or `timeoutMs` runs out
 * (docs/upstream/wml.md §4.6.3 item 1, §8). The last wait is cut to the deadline, so the last read happens at
 * it. Answers the last deployment read and whether it settled.
 */
export async function waitUntilSettled(
  start: DeploymentResource,
  read: () => Promise<DeploymentResource>,
  options: { timeoutMs: number; timing?: PollTiming; environment?: PollEnvironment },
): Promise<{ deployment: DeploymentResource; settled: boolean }> {
  const timing = options.timing ?? DEFAULT_POLL_TIMING;
  const env = options.environment ?? realEnvironment;
  const deadline = env.now() + options.timeoutMs;
  let deployment = start;
  let delay = timing.firstDelayMs;
  while (inProgress(deployment)) {
    const remaining = deadline - env.now();
    if (remaining <= 0) return { deployment, settled: false };
    await env.sleep(Math.min(delay, remaining));
    deployment = await read();
    delay = Math.min(delay * timing.factor, timing.maxDelayMs);
  }
  return { deployment, settled: true };
}

/** `timeoutSeconds` checked (1 to `MAX_REDEPLOY_TIMEOUT_SECONDS`, default `DEFAULT_REDEPLOY_TIMEOUT_SECONDS`), as milliseconds. */
export function redeployTimeoutMs(timeoutSeconds: number | null | undefined): number {
  const seconds = timeoutSeconds ?? DEFAULT_REDEPLOY_TIMEOUT_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_REDEPLOY_TIMEOUT_SECONDS) {
    throw badInput("timeoutSeconds", `expected an integer from 1 to ${MAX_REDEPLOY_TIMEOUT_SECONDS}, got ${seconds}`);
  }
  return seconds * 1000;
}
