import { startStack, type Stack } from "../helpers/stack.js";

const LISTED = "http://app.example:3000";
const OTHER = "http://elsewhere.example:3000";
const QUERY = JSON.stringify({ query: "{ mlModelServices(first: 1) { nodes { name } } }" });

/** The `access-control-*` headers of an answer, by name. */
function corsHeaders(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].filter(([name]) => name.startsWith("access-control-")));
}

function preflight(stack: Stack, origin: string): Promise<Response> {
  return fetch(stack.url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization, x-request-id, apollo-require-preflight" },
  });
}

function post(stack: Stack, origin: string, contentType = "application/json"): Promise<Response> {
  return fetch(stack.url, { method: "POST", headers: { origin, "content-type": contentType }, body: QUERY });
}

describe("with CORS_ORIGINS set", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { CORS_ORIGINS: `${LISTED}, https://other-app.example` } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  test("a listed origin's preflight is answered 204 with the methods, the GraphQL client's headers, credentials and a max age", async () => {
    const response = await preflight(stack, LISTED);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    const headers = corsHeaders(response.headers);
    expect(headers).toMatchObject({
      "access-control-allow-origin": LISTED,
      "access-control-allow-credentials": "true",
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-max-age": "600",
    });
    const allowed = headers["access-control-allow-headers"].split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(["content-type", "authorization", "x-request-id", "apollo-require-preflight", "x-apollo-operation-name"]));
    expect(response.headers.get("vary")).toBe("Origin");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  test("a listed origin's request gets data, its origin back, Vary: Origin, credentials, and can read x-request-id", async () => {
    const response = await post(stack, LISTED);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: { mlModelServices: { nodes: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.mlModelServices.nodes).toHaveLength(1);
    expect(corsHeaders(response.headers)).toEqual({
      "access-control-allow-origin": LISTED,
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "x-request-id",
    });
    expect(response.headers.get("vary")).toBe("Origin");
  });

  test("an origin is matched exactly: another listed one gets its own name back, a different port or scheme gets nothing", async () => {
    const other = await post(stack, "https://other-app.example");
    expect(other.headers.get("access-control-allow-origin")).toBe("https://other-app.example");
    for (const origin of ["http://app.example:3001", "https://app.example:3000", "http://app.example", "null"]) {
      const response = await post(stack, origin);
      expect({ origin, cors: corsHeaders(response.headers) }).toEqual({ origin, cors: {} });
    }
  });

  test("an unlisted origin gets no CORS header, on its preflight or its request", async () => {
    const pre = await preflight(stack, OTHER);
    expect(corsHeaders(pre.headers)).toEqual({});
    expect(pre.status).not.toBe(204);
    const response = await post(stack, OTHER);
    expect(corsHeaders(response.headers)).toEqual({});
    expect(response.headers.get("vary")).toBe("Origin");
  });

  test("CSRF prevention still refuses simple requests (no preflight) from an unlisted origin", async () => {
    const textPlain = await post(stack, OTHER, "text/plain");
    expect(textPlain.status).toBe(400);
    expect(await textPlain.text()).toMatch(/CSRF/);
    const get = await fetch(`${stack.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { origin: OTHER } });
    expect(get.status).toBe(400);
    expect(corsHeaders(get.headers)).toEqual({});
  });
});

test("without CORS_ORIGINS no answer carries a CORS header, whatever the origin", async () => {
  const stack = await startStack();
  try {
    const pre = await preflight(stack, LISTED);
    expect(corsHeaders(pre.headers)).toEqual({});
    const response = await post(stack, LISTED);
    expect(response.status).toBe(200);
    expect(corsHeaders(response.headers)).toEqual({});
    expect(response.headers.get("vary")).toBeNull();
  } finally {
    await stack.close();
  }
});
