import { SAMPLE_DEPLOYMENT_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { UpstreamError } from "../../src/errors.js";
import { createUpstream } from "../../src/upstream/http.js";
import { startFakeUpstream } from "../helpers/fake-upstream.js";
import { rejection } from "../helpers/rejection.js";
import { useProxiedStack } from "./proxied-stack.js";

// A 2xx that cannot be read (HTML, broken JSON) or lacks the identity of what it should hold is the
// upstream's fault, UPSTREAM_ERROR with the status; a value the gateway cannot send is its own fault.

const ML = "mlmodelServices/name/mlflow_svc";
const HTML = { kind: "raw", status: 200, contentType: "text/html", text: "<html><body>Sign in</body></html>" } as const;
const BROKEN = { kind: "raw", status: 200, contentType: "application/json", text: '{"id": "x", "name": ' } as const;

describe("through the gateway", () => {
  const stack = useProxiedStack();

  const read = () => stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`);

  test.each([
    ["HTML", HTML, /HTML/],
    ["invalid JSON", BROKEN, /not valid JSON/],
  ])("a 200 with %s is UPSTREAM_ERROR saying so, with upstream.status", async (_name, fault, pattern) => {
    stack.proxy.inject({ method: "GET", path: ML }, fault);
    const answer = await read();
    expect(answer.data).toEqual({ mlModelService: null });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "UPSTREAM_ERROR", upstream: { service: "openmetadata", status: 200 } });
    expect(answer.errors?.[0]?.message).toMatch(pattern);
  });

  test("a PATCH answered 200 with HTML is UPSTREAM_ERROR, not `changed: true` with no service", async () => {
    stack.proxy.inject({ method: "PATCH", path: "mlmodelServices" }, HTML);
    const answer = await stack.query(`mutation { updateMlModelService(fullyQualifiedName: "mlflow_svc", input: { description: "html" }) { changed mlModelService { name } } }`);
    expect(answer.data?.updateMlModelService ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "UPSTREAM_ERROR", upstream: { status: 200 } });
  });

  test.each([
    ["name: 42", { id: "0b4f2a36-9c1e-4d4f-8d52-3f0a7c6b1e21", name: 42, fullyQualifiedName: "mlflow_svc", serviceType: "Mlflow", version: 0.1 }, /name is a number/],
    ["no fullyQualifiedName", { id: "0b4f2a36-9c1e-4d4f-8d52-3f0a7c6b1e21", name: "mlflow_svc", serviceType: "Mlflow", version: 0.1 }, /fullyQualifiedName is missing/],
    ["no id", { name: "mlflow_svc", fullyQualifiedName: "mlflow_svc", serviceType: "Mlflow", version: 0.1 }, /id is missing/],
  ])("an OpenMetadata entity with %s is UPSTREAM_ERROR, never served", async (_name, body, pattern) => {
    stack.proxy.inject({ method: "GET", path: ML }, { kind: "status", status: 200, body });
    const answer = await read();
    expect(answer.data).toEqual({ mlModelService: null });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "UPSTREAM_ERROR", upstream: { service: "openmetadata", status: 200 } });
    expect(answer.errors?.[0]?.message).toMatch(pattern);
  });

  test("a list page holding an entity without identity is UPSTREAM_ERROR", async () => {
    stack.proxy.inject({ method: "GET", path: "mlmodelServices" }, { kind: "status", status: 200, body: { data: [{ id: "a", name: 42, fullyQualifiedName: "x" }], paging: { total: 1 } } });
    const answer = await stack.query(`{ mlModelServices(first: 5) { nodes { name } } }`);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "UPSTREAM_ERROR", upstream: { status: 200 } });
  });

  test("a WML deployment without metadata.id is UPSTREAM_ERROR", async () => {
    const id = SAMPLE_DEPLOYMENT_IDS.diabetesOnline;
    stack.proxy.inject({ method: "GET", path: `/ml/v4/deployments/${id}` }, { kind: "status", status: 200, body: { metadata: { name: "x" }, entity: { status: { state: "ready" } } } });
    const answer = await stack.query(`{ deployment(id: "${id}") { id name } }`);
    expect(answer.data).toEqual({ deployment: null });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "UPSTREAM_ERROR", upstream: { service: "wml", status: 200 } });
    expect(answer.errors?.[0]?.message).toMatch(/metadata\.id is missing/);
  });
});

describe("the upstream layer", () => {
  test("a 204 or an empty 200 is an answer without a body; a 200 that is not JSON is an UpstreamError with its status", async () => {
    const fake = await startFakeUpstream((req, res) => {
      if (req.url === "/empty") res.writeHead(204).end();
      else res.writeHead(200, { "content-type": "text/plain" }).end("OK");
    });
    try {
      const upstream = createUpstream({ service: "openmetadata", baseUrl: fake.url, timeoutMs: 2000, parseError: () => ({}) });
      expect((await upstream.send({ method: "DELETE", path: "empty", route: "DELETE /empty" })).body).toBeUndefined();
      const error = await rejection(upstream.send({ method: "GET", path: "text", route: "GET /text" }), UpstreamError);
      expect([error.code, error.status, error.message]).toEqual(["UPSTREAM_ERROR", 200, "openmetadata answered 200 to GET /text with a body that is not valid JSON"]);
    } finally {
      await fake.close();
    }
  });

  test("a body the gateway cannot serialize is its own fault: thrown as it is, nothing sent, not UPSTREAM_UNAVAILABLE", async () => {
    const fake = await startFakeUpstream((_req, res) => void res.writeHead(200).end("{}"));
    try {
      const upstream = createUpstream({ service: "wml", baseUrl: fake.url, timeoutMs: 2000, parseError: () => ({}) });
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const error = await rejection(upstream.send({ method: "PATCH", path: "x", route: "PATCH /x", json: cyclic }), TypeError);
      expect(error).not.toBeInstanceOf(UpstreamError);
      await rejection(upstream.send({ method: "POST", path: "x", route: "POST /x", json: { n: 1n } }), TypeError);
      expect(fake.requests).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
