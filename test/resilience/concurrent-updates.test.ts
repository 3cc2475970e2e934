import { startStack, type Stack } from "../helpers/stack.js";

// 200 concurrent updates of one service, each computed from whatever version it read: every update is
// either applied or a CONFLICT, the version history holds each applied change once, in order, and no
// applied change was silently overwritten by a write computed from an older version.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const UPDATES = 200;

test("200 concurrent conflicting updates: each applied or CONFLICT, history consistent, nothing overwritten", async () => {
  const name = `contended_${Date.now()}`;
  const created = await stack.query(`mutation { createMlModelService(input: { name: "${name}", serviceType: Mlflow, description: "start" }) { id version } }`);
  expect(created.errors).toBeUndefined();
  const before = await stack.query(`{ mlModelService(fullyQualifiedName: "${name}") { versions { version } } }`);
  const initialVersions = before.data.mlModelService.versions.length;

  const answers = await Promise.all(
    Array.from({ length: UPDATES }, (_, i) =>
      stack.query(`mutation ($d: String) { updateMlModelService(fullyQualifiedName: "${name}", input: { description: $d }) { changed mlModelService { version description } } }`, {
        d: `update ${i}`,
      }),
    ),
  );

  const applied: Array<{ version: number; description: string }> = [];
  for (const [i, answer] of answers.entries()) {
    if (answer.errors) {
      expect(answer.errors.map((e) => e.extensions?.code)).toEqual(["CONFLICT"]);
      continue;
    }
    const payload = answer.data.updateMlModelService;
    expect(payload.changed).toBe(true);
    expect(payload.mlModelService.description).toBe(`update ${i}`);
    applied.push(payload.mlModelService);
  }
  expect(applied.length).toBeGreaterThanOrEqual(1);
  expect(new Set(applied.map((a) => a.version)).size).toBe(applied.length);

  const after = await stack.query(`{ mlModelService(fullyQualifiedName: "${name}") { description version versions(first: 1000) { version description } } }`);
  const service = after.data.mlModelService;
  const history: Array<{ version: number; description: string }> = service.versions;
  const versions = history.map((h) => h.version);
  expect(versions).toEqual([...versions].sort((a, b) => b - a));
  expect(new Set(versions).size).toBe(versions.length);
  expect(history).toHaveLength(initialVersions + applied.length);
  for (const change of applied) expect(history.find((h) => h.version === change.version)?.description).toBe(change.description);
  const newest = applied.reduce((a, b) => (b.version > a.version ? b : a));
  expect({ description: service.description, version: service.version }).toEqual(newest);
}, 60_000);
