import { redeployOutcome, waitUntilSettled, type PollEnvironment } from "../../../src/wml/deployment/redeploy.js";
import type { DeploymentResource } from "../../../src/wml/deployment/resource.js";
import { toDeploymentState } from "../../../src/wml/deployment/state.js";

const at = (state: string, asset: { id: string; rev?: string } = { id: "m2", rev: "1" }, failure?: unknown): DeploymentResource => ({
  metadata: { id: "d1" },
  entity: { asset, status: { state, ...(failure !== undefined && { failure: failure as never }) } },
});

/** A clock that moves only when the poller sleeps, recording each wait. */
function fakeEnvironment(): PollEnvironment & { waits: number[] } {
  let now = 0;
  const waits: number[] = [];
  return { waits, now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) };
}

describe("redeployOutcome (docs/upstream/wml.md §4.6.3, §9 item 5)", () => {
  const requested = { id: "m2", rev: "1" };
  test.each([
    ["updating", at("updating"), "UPDATING"],
    ["ready on the requested asset", at("ready"), "SUCCEEDED"],
    ["ready with a failure", at("ready", { id: "m1" }, { errors: [{ code: "x", message: "y" }] }), "ROLLED_BACK"],
    ["ready on another asset, no failure", at("ready", { id: "m1", rev: "4" }), "ROLLED_BACK"],
    ["ready on another revision", at("ready", { id: "m2", rev: "2" }), "ROLLED_BACK"],
    ["failed", at("failed", requested, { errors: [{ code: "x", message: "y" }] }), "FAILED"],
    ["legacy DEPLOY_SUCCESS", at("DEPLOY_SUCCESS"), "SUCCEEDED"],
  ])("%s", (_label, deployment, outcome) => {
    expect(redeployOutcome(deployment, requested)).toBe(outcome);
  });

  test("without a requested rev, any revision of the requested asset is success", () => {
    expect(redeployOutcome(at("ready", { id: "m2", rev: "7" }), { id: "m2" })).toBe("SUCCEEDED");
  });
});

describe("toDeploymentState (docs/upstream/wml.md §4.2)", () => {
  test("documented, legacy and missing states; anything else is an upstream error", () => {
    expect(["initializing", "updating", "ready", "failed", "DEPLOY_IN_PROGRESS", "DEPLOY_SUCCESS", undefined].map((s) => toDeploymentState(s))).toEqual([
      "INITIALIZING",
      "UPDATING",
      "READY",
      "FAILED",
      "INITIALIZING",
      "READY",
      "INITIALIZING",
    ]);
    expect(() => toDeploymentState("sleeping")).toThrow(/unknown deployment state "sleeping"/);
  });
});

describe("waitUntilSettled (docs/upstream/wml.md §8)", () => {
  test("first poll after the first delay, then backing off to the cap", async () => {
    const env = fakeEnvironment();
    const states = ["updating", "updating", "updating", "updating", "ready"];
    const result = await waitUntilSettled(at("updating"), async () => at(states.shift()!), { timeoutMs: 60_000, timing: { firstDelayMs: 1000, factor: 2, maxDelayMs: 5000 }, environment: env });
    expect(result.settled).toBe(true);
    expect(result.deployment.entity.status?.state).toBe("ready");
    expect(env.waits).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  test("the last wait is cut to the deadline; still moving then is not settled", async () => {
    const env = fakeEnvironment();
    let reads = 0;
    const result = await waitUntilSettled(at("updating"), async () => (reads++, at("updating")), { timeoutMs: 4500, timing: { firstDelayMs: 1000, factor: 2, maxDelayMs: 10_000 }, environment: env });
    expect(result.settled).toBe(false);
    expect(env.waits).toEqual([1000, 2000, 1500]);
    expect(reads).toBe(3);
  });

  test("a deployment already settled is not read again", async () => {
    const env = fakeEnvironment();
    const result = await waitUntilSettled(at("ready"), async () => at("updating"), { timeoutMs: 1000, environment: env });
    expect(result).toEqual({ deployment: at("ready"), settled: true });
    expect(env.waits).toEqual([]);
  });
});
