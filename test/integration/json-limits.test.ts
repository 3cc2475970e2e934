import { SAMPLE_DEPLOYMENT_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";

/** `depth` nested objects as JSON text: built as text, since JSON.stringify itself overflows at such depths. */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** POSTs an operation whose variables are given as JSON text, with a request id. */
async function postRaw(stack: Stack, query: string, variablesJson: string, requestId: string) {
  const response = await fetch(stack.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": requestId },
    body: `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`,
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  return { status: response.status, ...body };
}

describe("JSON values are bounded in depth and size", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  function expectRefused(answer: { status: number; errors?: Array<{ message: string; extensions?: Record<string, any> }> }, field: string, reason: RegExp, requestId?: string) {
    expect(answer.errors).toHaveLength(1);
    const [error] = answer.errors!;
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(error.message).toMatch(reason);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    if (requestId) expect(error.extensions?.requestId).toBe(requestId);
    expect(answer.status).toBe(400);
    expect(stack.upstream()).toEqual([]);
  }

  test("a 5,000-deep connection is BAD_USER_INPUT naming input.connection, with no upstream call", async () => {
    const query = `mutation($c: JSON) { updateMlModelService(fullyQualifiedName: "mlflow_svc", input: { connection: $c }) { changed } }`;
    const answer = await postRaw(stack, query, `{"c":${deepJson(5000)}}`, "deep-connection-1");
    expectRefused(answer, "input.connection", /at most 32 levels/, "deep-connection-1");
  });

  test("a 5,000-deep custom in updateDeployment is BAD_USER_INPUT, nothing sent (not UPSTREAM_UNAVAILABLE)", async () => {
    const query = `mutation($input: UpdateDeploymentInput!) { updateDeployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}", input: $input) { deployment { id } } }`;
    const answer = await postRaw(stack, query, `{"input":{"custom":${deepJson(5000)}}}`, "deep-custom-1");
    expectRefused(answer, "input.custom", /at most 32 levels/, "deep-custom-1");
  });

  test("a JSON literal in the document is measured the same way", async () => {
    const literal = `${"{a: ".repeat(40)}1${"}".repeat(40)}`;
    const answer = await stack.query(`mutation { updateMlModelService(fullyQualifiedName: "mlflow_svc", input: { connection: ${literal} }) { changed } }`);
    expectRefused({ ...answer }, "input.connection", /at most 32 levels/);
  });

  test("a JSON Patch value inside a list of operations is named by its index", async () => {
    const query = `mutation($v: JSON) { patchMlModelService(fullyQualifiedName: "mlflow_svc", operations: [{ op: "add", path: "/description", value: "x" }, { op: "add", path: "/description", value: $v }]) { changed } }`;
    const answer = await postRaw(stack, query, `{"v":${deepJson(100)}}`, "deep-patch-1");
    expectRefused(answer, "operations[1].value", /at most 32 levels/);
  });

  test("a JSON value with more values than the limit is refused", async () => {
    const wide = `[${Array.from({ length: 10_001 }, () => "0").join(",")}]`;
    const query = `mutation($c: JSON) { updateMlModelService(fullyQualifiedName: "mlflow_svc", input: { connection: $c }) { changed } }`;
    const answer = await postRaw(stack, query, `{"c":${wide}}`, "wide-1");
    expectRefused(answer, "input.connection", /at most 10000 values/);
  });

  test("a value within the limits passes the check (dry run, nothing written)", async () => {
    const query = `mutation($c: JSON) { updateMlModelService(fullyQualifiedName: "mlflow_svc", input: { connection: $c }, dryRun: true) { changed } }`;
    const answer = await postRaw(stack, query, `{"c":{"trackingUri":"http://mlflow:5000","options":${deepJson(20)}}}`, "ok-1");
    expect(answer.errors?.[0]?.extensions?.field).not.toBe("input.connection");
    expect(stack.upstream().filter((r) => r.method !== "GET")).toEqual([]);
  });

  test("every error carries extensions.requestId, whatever its code", async () => {
    const answers = [
      await stack.query(`{ nope }`, undefined, { "x-request-id": "rid-validation" }),
      await stack.query(`{ mlModelService(id: "1", fullyQualifiedName: "x") { id } }`, undefined, { "x-request-id": "rid-input" }),
      await stack.query(`mutation { restoreMlModelService(id: "00000000-0000-4000-8000-000000000000") { id } }`, undefined, { "x-request-id": "rid-upstream" }),
    ];
    const ids = answers.map((answer) => answer.errors?.map((error) => error.extensions?.requestId));
    expect(ids).toEqual([["rid-validation"], ["rid-input"], ["rid-upstream"]]);
  });
});
