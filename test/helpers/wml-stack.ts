import type { Writable } from "node:stream";
import { ManualClock } from "../../src/local-catalog/clock.js";
import { startStack, type Stack } from "./stack.js";

/**
 * A stack whose catalog never moves on its own (a manual clock) and redeploys after `assetUpdateDelayMs`
 * of that clock (0: settled on the next read), and whose gateway polls every millisecond: outcomes of
 * waits never depend on wall-clock time, except a time-out, which is what it measures.
 */
export async function startWmlStack(assetUpdateDelayMs = 0, log?: Writable): Promise<Stack & { clock: ManualClock }> {
  const clock = new ManualClock();
  const stack = await startStack({ catalog: { clock, wml: { assetUpdateDelayMs, deployDelayMs: 0 } }, ...(log && { env: { LOG_LEVEL: "info" }, app: { logDestination: log } }) });
  stack.app.deps.wmlPolling = { firstDelayMs: 1, factor: 1, maxDelayMs: 1 };
  return Object.assign(stack, { clock });
}

/** The JSON bodies of the PATCH calls the catalog received under `fragment`. */
export function patchBodies(stack: Stack, fragment = "/ml/v4/"): unknown[] {
  return stack.upstream(fragment).filter((r) => r.method === "PATCH").map((r) => JSON.parse(r.body));
}
