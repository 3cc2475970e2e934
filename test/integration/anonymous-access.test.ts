import { startStack, type Stack } from "../helpers/stack.js";

describe("ANONYMOUS_ACCESS=false", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { ANONYMOUS_ACCESS: "false", OPENMETADATA_TOKEN: "admin" } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  test("a request without Authorization is UNAUTHENTICATED (401) before any upstream call", async () => {
    const answer = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name connection } deployments(first: 1) { totalCount } }`, undefined, { "x-request-id": "anon-1" });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toBe("Bearer");
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.map((e) => e.extensions)).toEqual([{ code: "UNAUTHENTICATED", requestId: "anon-1" }]);
    expect(stack.upstream()).toEqual([]);
  });

  test("a caller with its own Authorization is served, with its own token", async () => {
    const answer = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`, undefined, { authorization: "Bearer admin" });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.mlModelService.name).toBe("mlflow_svc");
    expect(stack.upstream("/api/").map((r) => r.headers.authorization)).toEqual(["Bearer admin"]);
  });
});

test("by default (ANONYMOUS_ACCESS unset) a caller without Authorization is served with OPENMETADATA_TOKEN", async () => {
  const stack = await startStack({ env: { OPENMETADATA_TOKEN: "admin" } });
  try {
    const answer = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`);
    expect(answer.errors).toBeUndefined();
    expect(stack.upstream("/api/").map((r) => r.headers.authorization)).toEqual(["Bearer admin"]);
  } finally {
    await stack.close();
  }
});
