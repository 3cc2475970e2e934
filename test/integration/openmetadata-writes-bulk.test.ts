import { startStack, type Stack } from "../helpers/stack.js";

const UNKNOWN_USER = { id: "00000000-0000-4000-8000-000000000000", type: "user" };

const KINDS = [
  { T: "MlModelService", field: "mlModelService", collection: "mlmodelServices", serviceType: "Mlflow", connection: { type: "Mlflow", trackingUri: "http://m:5000", registryUri: "http://m:5000" } },
  { T: "PipelineService", field: "pipelineService", collection: "pipelineServices", serviceType: "Airbyte", connection: { type: "Airbyte", hostPort: "http://a:8000" } },
];

function bulk(T: string, field: string): string {
  return `mutation($inputs: [Create${T}Input!]!) {
    r: createOrUpdate${T}s(inputs: $inputs) { index created error { code message field } s: ${field} { id name description version } }
  }`;
}

/** Runs the same checks against a catalog with and without the bulk route (real servers have none, contract §3.13). */
describe.each([
  { mode: "the bulk route", bulkRoute: true },
  { mode: "the fallback of one PUT per input (bulk route switched off)", bulkRoute: false },
])("createOrUpdate…s through $mode", ({ bulkRoute }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ catalog: { openmetadata: { bulk: bulkRoute } } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  test.each(KINDS)("$T: one result per input, in input order; a bad item never fails its siblings", async (kind) => {
    const existing = `existing_${kind.collection}_${bulkRoute}`;
    const seeded = await stack.query(bulk(kind.T, kind.field), { inputs: [{ name: existing, serviceType: kind.serviceType, connection: kind.connection }] });
    expect(seeded.data.r[0]).toMatchObject({ index: 0, created: true, error: null });
    stack.catalog.resetRequests();

    const inputs = [
      { name: `new_a_${kind.collection}_${bulkRoute}`, serviceType: kind.serviceType, connection: kind.connection, description: "a" },
      { name: "bad::name", serviceType: kind.serviceType, connection: kind.connection },
      { name: existing, serviceType: kind.serviceType, connection: kind.connection, description: "updated" },
      { name: `unknown_owner_${kind.collection}_${bulkRoute}`, serviceType: kind.serviceType, connection: kind.connection, owners: [UNKNOWN_USER] },
      { name: `new_b_${kind.collection}_${bulkRoute}`, serviceType: kind.serviceType, connection: kind.connection, description: "b" },
      { name: existing, serviceType: kind.serviceType, connection: kind.connection },
    ];
    const answer = await stack.query(bulk(kind.T, kind.field), { inputs });
    expect(answer.errors).toBeUndefined();
    const results = answer.data.r;
    expect(results.map((r: { index: number }) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results[0]).toMatchObject({ created: true, error: null, s: { name: inputs[0].name, description: "a", version: 0.1 } });
    expect(results[1]).toMatchObject({ created: null, s: null, error: { code: "BAD_USER_INPUT", field: "inputs[1].name" } });
    expect(results[2]).toMatchObject({ created: false, error: null, s: { name: existing, description: "updated", version: 0.2 } });
    expect(results[3]).toMatchObject({ created: null, s: null, error: { code: "BAD_USER_INPUT", field: "inputs[3].owners" } });
    expect(results[4]).toMatchObject({ created: true, error: null, s: { name: inputs[4].name, description: "b" } });
    expect(results[5]).toMatchObject({ s: null, error: { code: "BAD_USER_INPUT", field: "inputs[5].name", message: expect.stringMatching(/inputs\[2\]/) } });

    const writes = stack.upstream(`/api/v1/services/${kind.collection}`).filter((r) => r.method !== "GET");
    const sentNames = [0, 2, 3, 4].map((i) => inputs[i].name);
    if (bulkRoute) {
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatchObject({ method: "PUT", path: `/api/v1/services/${kind.collection}/bulk` });
      expect(JSON.parse(writes[0].body).map((b: { name: string }) => b.name)).toEqual(sentNames);
    } else {
      expect(writes[0]).toMatchObject({ method: "PUT", path: `/api/v1/services/${kind.collection}/bulk` });
      const singles = writes.slice(1);
      expect(singles.every((w) => w.method === "PUT" && w.path === `/api/v1/services/${kind.collection}`)).toBe(true);
      expect(singles.map((w) => JSON.parse(w.body).name).sort()).toEqual([...sentNames].sort());
    }
  });

  test("an empty list answers an empty list and sends nothing", async () => {
    const answer = await stack.query(bulk("PipelineService", "pipelineService"), { inputs: [] });
    expect(answer.data.r).toEqual([]);
    expect(stack.upstream()).toHaveLength(0);
  });

  test("many inputs all come back, each with its own service", async () => {
    const inputs = Array.from({ length: 11 }, (_, i) => ({ name: `many_${i}_${bulkRoute}`, serviceType: "Sklearn" }));
    const answer = await stack.query(bulk("MlModelService", "mlModelService"), { inputs });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.r.map((r: { index: number; s: { name: string } }) => [r.index, r.s.name])).toEqual(inputs.map((input, i) => [i, input.name]));
  });
});
