import { SAMPLE_SPACE_ID } from "../../../src/local-catalog/wml/sample-data.js";
import { EXPIRED_TOKEN } from "../../../src/local-catalog/wml/part.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../../src/local-catalog/wml/sample-data.js";
import { startWml, type WmlHarness } from "./wml-client.js";

let wml: WmlHarness;
beforeAll(async () => {
  wml = await startWml({ expiredToken: "custom-expired" });
});
afterAll(() => wml.close());

const deployment = `/ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`;

test("§1.2: a call without version is refused with 400", async () => {
  const answer = await wml.call("GET", deployment, { version: null });
  expect(answer.status).toBe(400);
  expect(answer.body.errors[0].code).toBe("missing_query_parameter");
  expect(answer.body.errors[0].message).toContain("version");
});

test("§1.2: a version that is not a YYYY-MM-DD date is refused with 400", async () => {
  for (const version of ["2024-13-01", "yesterday", "2024-1-29"]) {
    const answer = await wml.call("GET", "/ml/v4/models", { version });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].code).toBe("invalid_query_parameter");
  }
});

test("§2/§6.1: a call without a bearer token gets 401 with an integer status_code", async () => {
  for (const headers of [{}, { authorization: "Basic dXNlcjpwdw==" }, { authorization: "Bearer " }] as Record<string, string>[]) {
    const answer = await wml.call("GET", deployment, { token: null, headers });
    expect(answer.status).toBe(401);
    expect(answer.body.status_code).toBe(401);
    expect(answer.body.errors[0]).toEqual({
      code: "authentication_no_token",
      message: "Failed to authenticate the request due to no Bearer token in the request header",
      more_info: "https://cloud.ibm.com/apidocs/machine-learning",
    });
    expect(answer.body.trace).toMatch(/^[0-9a-f]{32}$/);
  }
});

test("§11.1: the configured expired token gets 401 authentication_token_expired", async () => {
  const answer = await wml.call("GET", "/ml/v4/models", { token: "custom-expired" });
  expect(answer.status).toBe(401);
  expect(answer.body).toMatchObject({
    status_code: 401,
    errors: [{ code: "authentication_token_expired", message: "Failed to authenticate the request due to an expired token" }],
  });
});

test("§11.1: any other non-empty bearer token is accepted", async () => {
  for (const token of ["anything", EXPIRED_TOKEN, "eyJhbGciOiJSUzI1NiJ9.e30.sig"]) {
    expect((await wml.call("GET", deployment, { token })).status).toBe(200);
  }
});

test("§1.3: GET, PATCH and DELETE without space_id or project_id are refused with 400", async () => {
  for (const [method, path] of [
    ["GET", "/ml/v4/deployments"],
    ["GET", deployment],
    ["PATCH", deployment],
    ["DELETE", deployment],
    ["GET", "/ml/v4/models"],
    ["GET", `/ml/v4/models/${SAMPLE_MODEL_IDS.churn}`],
    ["DELETE", `/ml/v4/models/${SAMPLE_MODEL_IDS.churn}`],
  ] as const) {
    const answer = await wml.call(method, path, { space: null, body: method === "PATCH" ? [{ op: "replace", path: "/name", value: "x" }] : undefined });
    expect({ method, path, status: answer.status }).toEqual({ method, path, status: 400 });
    expect(answer.body.errors[0].message).toBe("Either space_id or project_id query parameter has to be given.");
  }
});

test("§1.3: POST creates without space_id or project_id in the body are refused with 400", async () => {
  const answer = await wml.call("POST", "/ml/v4/models", { body: { name: "m", type: "scikit-learn_1.3", software_spec: { name: "runtime-23.1-py3.10" } } });
  expect(answer.status).toBe(400);
  expect(answer.body.errors[0].code).toBe("invalid_request_entity");
});

test("§1.3: a create carrying space_id only in the query is tolerated", async () => {
  const answer = await wml.call("POST", "/ml/v4/models", {
    query: { space_id: SAMPLE_SPACE_ID },
    body: { name: "m", type: "scikit-learn_1.3", software_spec: { name: "runtime-23.1-py3.10" } },
  });
  expect(answer.status).toBe(201);
  expect(answer.body.metadata.space_id).toBe(SAMPLE_SPACE_ID);
});

test("§6.1: an unknown deployment answers 404 deployment_does_not_exist with the recorded message and no status_code", async () => {
  const id = "00000000-0000-4000-8000-000000000000";
  const answer = await wml.call("GET", `/ml/v4/deployments/${id}`);
  expect(answer.status).toBe(404);
  expect(Object.keys(answer.body).sort()).toEqual(["errors", "trace"]);
  expect(answer.body.errors).toEqual([
    { code: "deployment_does_not_exist", message: `Deployment with id '${id}' does not exist. Re-try with a valid deployment id.` },
  ]);
});

test("§6.1: an unknown model answers 404 model_does_not_exist with a string status_code", async () => {
  const id = "00000000-0000-4000-8000-000000000001";
  const answer = await wml.call("GET", `/ml/v4/models/${id}`);
  expect(answer.status).toBe(404);
  expect(answer.body.status_code).toBe("404");
  expect(answer.body.errors[0]).toMatchObject({ code: "model_does_not_exist", message: `Model with id '${id}' does not exist. Re-try with a valid model id.` });
});

test("§9.2: a resource asked for in another space answers 404", async () => {
  const answer = await wml.call("GET", deployment, { space: "11111111-2222-4333-8444-555555555555" });
  expect(answer.status).toBe(404);
  expect(answer.body.errors[0].code).toBe("deployment_does_not_exist");
});

test("§6.1: an unknown path under /ml/ answers an HTML 404 page", async () => {
  const answer = await wml.call("GET", "/ml/v4/no_such_component");
  expect(answer.status).toBe(404);
  expect(answer.headers.get("content-type")).toContain("text/html");
  expect(answer.text.startsWith("<!DOCTYPE")).toBe(true);
});

test("§6.2: a body that is not JSON is refused with 400", async () => {
  const answer = await wml.call("POST", "/ml/v4/deployments", { rawBody: "{not json", headers: { "content-type": "application/json" } });
  expect(answer.status).toBe(400);
  expect(answer.body.errors[0].code).toBe("json_type_error");
});

test("§6.2: names that contain HTML-like tags are refused with IBM's sentence", async () => {
  const answer = await wml.call("PATCH", deployment, { body: [{ op: "replace", path: "/name", value: "<b>bold</b>" }] });
  expect(answer.status).toBe(400);
  expect(answer.body.errors[0].message).toBe("Invalid content. You cannot include any tags in the HTTP request.");
});

async function injectFault(fault: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${wml.catalog.url}/_catalog/wml/faults`, { method: "POST", body: JSON.stringify(fault) });
  return response.status;
}

test("§11.7: an injected 429 answers the next matching calls with Retry-After, then normal service resumes", async () => {
  expect(await injectFault({ status: 429, count: 2, method: "GET", pathPrefix: "/ml/v4/deployments", retryAfterSeconds: 1 })).toBe(204);
  expect((await wml.call("GET", "/ml/v4/models")).status).toBe(200);
  for (let i = 0; i < 2; i++) {
    const answer = await wml.call("GET", deployment);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("1");
    expect(answer.body).toMatchObject({ status_code: 429, errors: [{ code: "rate_limit_exceeded" }] });
  }
  expect((await wml.call("GET", deployment)).status).toBe(200);
});

test("§11.7: an injected 503 can target the token endpoint, and DELETE clears queued faults", async () => {
  expect(await injectFault({ status: 503, count: 1, pathPrefix: "/identity/token" })).toBe(204);
  const token = await fetch(`${wml.catalog.url}/identity/token`, { method: "POST", body: "grant_type=x" });
  expect(token.status).toBe(503);
  expect(await injectFault({ status: 503, count: 5 })).toBe(204);
  await fetch(`${wml.catalog.url}/_catalog/wml/faults`, { method: "DELETE" });
  expect((await wml.call("GET", deployment)).status).toBe(200);
  expect(await injectFault({ status: 418, count: 1 })).toBe(400);
});
