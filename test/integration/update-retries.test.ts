import type { ConflictRetry } from "../../src/openmetadata/entity/conflict-retry.js";
import { captureLog, type LogCapture } from "../helpers/log-capture.js";
import { startStack, type Stack } from "../helpers/stack.js";

// An update without expectedVersion that loses a race re-reads, recomputes and retries; only a pinned
// expectedVersion makes a race the caller's CONFLICT. The retry policy is injected: no pause, a clock
// that never moves, so the outcome depends on the attempts alone.

const WRITERS = 20;
const UPDATE = `mutation($id: ID, $i: UpdateMlModelInput!, $v: Float) {
  r: updateMlModel(id: $id, input: $i, expectedVersion: $v) { changed patch { op path } m: mlModel { version extension } } }`;

let stack: Stack;
let log: LogCapture;
const sleeps: number[] = [];
const policy: ConflictRetry = {
  attempts: 25,
  budgetMs: 60_000,
  delayMs: (n) => n,
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  now: () => 0,
};

beforeAll(async () => {
  log = captureLog();
  stack = await startStack({ catalog: { seed: false }, env: { LOG_LEVEL: "info" }, app: { logDestination: log.stream } });
  stack.app.deps.conflictRetry = policy;
  const setup = async (query: string) => {
    const answer = await stack.query(query);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };
  await setup(`mutation { createMlModelService(input: { name: "raced", serviceType: Mlflow }) { id } }`);
});
afterAll(() => stack.close());

async function createModel(name: string): Promise<{ id: string; version: number }> {
  const answer = await stack.query(`mutation { createMlModel(input: { name: "${name}", service: "raced", algorithm: "regression" }) { id version } }`);
  expect(answer.errors).toBeUndefined();
  return answer.data.createMlModel;
}

async function history(id: string): Promise<Array<{ version: number; extension: Record<string, string> | null }>> {
  const answer = await stack.query(`query($id: ID) { mlModel(id: $id) { versions { version extension } } }`, { id });
  expect(answer.errors).toBeUndefined();
  return answer.data.mlModel.versions;
}

test(`${WRITERS} concurrent updates without expectedVersion, each its own custom property: all applied, none CONFLICT, history consistent`, async () => {
  const model = await createModel("unpinned");
  sleeps.length = 0;
  const answers = await Promise.all(
    Array.from({ length: WRITERS }, (_, i) => stack.query(UPDATE, { id: model.id, i: { extension: { [`property${i}`]: `value ${i}` } } })),
  );
  for (const [i, answer] of answers.entries()) {
    expect(answer.errors).toBeUndefined();
    expect(answer.data.r.changed).toBe(true);
    expect(answer.data.r.m.extension).toMatchObject({ [`property${i}`]: `value ${i}` });
    expect(answer.data.r.patch).toEqual([{ op: "add", path: expect.stringMatching(/^\/extension(\/property\d+)?$/) }]);
  }
  // Each write made its own version (a conditional PATCH is never merged, §5.2), each adding its own
  // property to those before it: no update replaced another's.
  const versions = answers.map((answer) => answer.data.r.m.version as number);
  expect(new Set(versions).size).toBe(WRITERS);
  const after = await history(model.id);
  expect(after).toHaveLength(WRITERS + 1);
  expect(after.map((h) => h.version)).toEqual([...after.map((h) => h.version)].sort((a, b) => b - a));
  for (const [i, version] of versions.entries()) {
    const extension = after.find((h) => h.version === version)?.extension ?? {};
    expect(extension).toMatchObject({ [`property${i}`]: `value ${i}` });
    expect(Object.keys(extension)).toHaveLength(after.length - 1 - after.findIndex((h) => h.version === version));
  }
  const all = Object.fromEntries(Array.from({ length: WRITERS }, (_, i) => [`property${i}`, `value ${i}`]));
  const final = await stack.query(`query($id: ID) { mlModel(id: $id) { extension } }`, { id: model.id });
  expect(final.errors).toBeUndefined();
  expect(final.data.mlModel.extension).toEqual(all);

  // The races were real, and retried: every retry re-read the model (a GET by id) and paused first.
  const patches = stack.upstream("/v1/mlmodels/").filter((r) => r.method === "PATCH");
  const retries = patches.length - WRITERS;
  expect(retries).toBeGreaterThan(0);
  expect(sleeps).toHaveLength(retries);
  await new Promise((resolve) => setImmediate(resolve));
  const logged = log
    .lines()
    .filter((line) => line.msg === "operation")
    .map((line) => line.conflictRetries ?? 0);
  expect(logged.reduce((a, b) => a + b, 0)).toBe(retries);
});

test(`the same ${WRITERS} with expectedVersion: exactly one applied, the others CONFLICT with currentVersion`, async () => {
  const model = await createModel("pinned");
  const answers = await Promise.all(
    Array.from({ length: WRITERS }, (_, i) => stack.query(UPDATE, { id: model.id, v: model.version, i: { extension: { [`property${i}`]: `value ${i}` } } })),
  );
  const applied = answers.filter((answer) => !answer.errors);
  expect(applied).toHaveLength(1);
  for (const answer of answers.filter((a) => a.errors)) {
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", expectedVersion: model.version, currentVersion: 0.2 });
  }
  expect(await history(model.id)).toHaveLength(2);
});

test("an unpinned update that runs out of attempts is a CONFLICT with currentVersion and no expectedVersion it was never sent", async () => {
  const model = await createModel("exhausted");
  stack.app.deps.conflictRetry = { ...policy, attempts: 1 };
  try {
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => stack.query(UPDATE, { id: model.id, i: { extension: { [`property${i}`]: `value ${i}` } } })),
    );
    const conflicts = answers.filter((answer) => answer.errors);
    for (const answer of conflicts) {
      expect(answer.errors?.[0].extensions?.code).toBe("CONFLICT");
      expect(answer.errors?.[0].extensions?.currentVersion).toEqual(expect.any(Number));
      expect(answer.errors?.[0].extensions).not.toHaveProperty("expectedVersion");
    }
    expect(await history(model.id)).toHaveLength(1 + answers.length - conflicts.length);
  } finally {
    stack.app.deps.conflictRetry = policy;
  }
});
