import { startLocalCatalog, type LocalCatalog } from "../../src/local-catalog/server.js";
import { SAMPLE_API_KEY } from "../../src/local-catalog/wml/iam.js";
import { SAMPLE_DEPLOYMENT_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";

const READ = `{ deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}") { name } }`;
const RENAME = `mutation { updateDeployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesCanary}", input: { name: "renamed" }) { changed } }`;

describe("faults of the embedded catalog", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await fetch(`${stack.catalog.url}/_catalog/wml/faults`, { method: "DELETE" });
    stack.catalog.resetRequests();
  });

  async function fault(body: Record<string, unknown>) {
    const response = await fetch(`${stack.catalog.url}/_catalog/wml/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(response.ok).toBe(true);
  }

  test("a GET answered 503 once is sent again and succeeds", async () => {
    await fault({ status: 503, count: 1, method: "GET" });
    const answer = await stack.query(READ);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.deployment.name).toBe("Diabetes online");
    expect(stack.upstream("/ml/v4/deployments/")).toHaveLength(2);
  });

  test("a GET still answered 429 after the retries is UPSTREAM_UNAVAILABLE with WML's code and trace", async () => {
    await fault({ status: 429, count: 10, method: "GET", retryAfterSeconds: 0 });
    const answer = await stack.query(READ);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", upstream: { service: "wml", status: 429, code: "rate_limit_exceeded", trace: expect.any(String) } });
  });

  test("a PATCH answered 503 is not sent twice", async () => {
    await fault({ status: 503, count: 1, method: "PATCH" });
    const answer = await stack.query(RENAME);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", upstream: { status: 503 } });
    expect(stack.upstream("/ml/v4/deployments/").filter((r) => r.method === "PATCH")).toHaveLength(1);
  });
});

describe("an explicitly configured WML_URL", () => {
  let wml: LocalCatalog;
  beforeAll(async () => {
    wml = await startLocalCatalog({ port: 0 });
  });
  afterAll(() => wml.close());

  test("is used with WML_API_KEY exchanged at WML_IAM_URL", async () => {
    const stack = await startStack({ env: { WML_URL: wml.url, WML_IAM_URL: wml.url, WML_API_KEY: SAMPLE_API_KEY, WML_SPACE_ID: wml.wmlSample.spaceId } });
    try {
      expect(stack.app.upstreams.wml).toBe(wml.url);
      const answer = await stack.query(READ);
      expect(answer.data.deployment.name).toBe("Diabetes online");
      expect(stack.upstream("/ml/v4/")).toHaveLength(0);
      expect(wml.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /identity/token", `GET /ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`]);
    } finally {
      await stack.close();
    }
  });

  test("a wrong path answers an HTML page: UPSTREAM_ERROR, never a null deployment", async () => {
    const stack = await startStack({ env: { WML_URL: `${wml.url}/no-such-component`, WML_TOKEN: "static-token", WML_SPACE_ID: wml.wmlSample.spaceId } });
    try {
      const answer = await stack.query(READ);
      expect(answer.data?.deployment ?? null).toBeNull();
      expect(answer.errors?.[0].extensions).toMatchObject({ code: "UPSTREAM_ERROR", upstream: { service: "wml", status: 404, code: null } });
      expect(answer.errors?.[0].message).toContain("HTML page");
    } finally {
      await stack.close();
    }
  });
});
