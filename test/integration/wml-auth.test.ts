import { ManualClock } from "../../src/local-catalog/clock.js";
import { startLocalCatalog } from "../../src/local-catalog/server.js";
import { createApiKeyTokenProvider } from "../../src/wml/auth/token-provider.js";
import { SAMPLE_API_KEY } from "../../src/local-catalog/wml/iam.js";
import { EXPIRED_TOKEN } from "../../src/local-catalog/wml/part.js";
import { SAMPLE_DEPLOYMENT_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";

const READ = `{ deployment(id: "${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}") { name } }`;

const exchanges = (stack: Stack) => stack.upstream("/identity/token");
const bearers = (stack: Stack) => new Set(stack.upstream("/ml/v4/").map((r) => r.headers.authorization));

describe("the default credential: the embedded catalog's API key, exchanged at /identity/token", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test("twenty concurrent requests share one form-encoded exchange, and the caller's token never reaches WML", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => stack.query(READ, undefined, { authorization: "Bearer caller-token" })));
    for (const answer of answers) expect(answer.data.deployment.name).toBe("Diabetes online");
    const [exchange, ...more] = exchanges(stack);
    expect(more).toHaveLength(0);
    expect(exchange.method).toBe("POST");
    expect(exchange.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toEqual({ grant_type: "urn:ibm:params:oauth:grant-type:apikey", apikey: SAMPLE_API_KEY });
    const used = bearers(stack);
    expect(used.size).toBe(1);
    expect([...used][0]).toMatch(/^Bearer ey/);
    expect(stack.upstream("/ml/v4/").every((r) => !String(r.headers.authorization).includes("caller-token"))).toBe(true);
    expect(stack.app.deps.secrets()).toContain(SAMPLE_API_KEY);
  });
});

describe("renewal", () => {
  test("a token is renewed before it expires (2 s lifetime: renewed 10% early), on the provider's clock", async () => {
    // The catalog issues tokens and the provider renews them on one manual clock: no real waiting.
    const clock = new ManualClock(Date.now());
    const catalog = await startLocalCatalog({ port: 0, clock, wml: { tokenLifetimeSeconds: 2 } });
    try {
      const tokens = createApiKeyTokenProvider({ apiKey: SAMPLE_API_KEY, iamUrl: catalog.url, timeoutMs: 5000, secrets: () => [], now: () => clock.now() });
      const first = await tokens.authorization();
      expect(await tokens.authorization()).toBe(first);
      clock.advance(1700);
      expect(await tokens.authorization()).toBe(first);
      clock.advance(200); // 1.9 s: past the renewal point, 10 % of the lifetime before expiry
      const second = await tokens.authorization();
      expect(second).toMatch(/^Bearer ey/);
      expect(second).not.toBe(first);
      expect(catalog.requests.filter((r) => r.path === "/identity/token")).toHaveLength(2);
    } finally {
      await catalog.close();
    }
  });

  test("a token WML says has expired (401) is exchanged again once and the call is sent again", async () => {
    const clock = new ManualClock(Date.now());
    const stack = await startStack({ catalog: { clock } });
    try {
      await stack.query(READ);
      clock.advance(3_601_000);
      stack.catalog.resetRequests();
      const answer = await stack.query(READ);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.deployment.name).toBe("Diabetes online");
      expect(stack.upstream().map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET /ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`,
        "POST /identity/token",
        `GET /ml/v4/deployments/${SAMPLE_DEPLOYMENT_IDS.diabetesOnline}`,
      ]);
    } finally {
      await stack.close();
    }
  });
});

describe("other credentials", () => {
  test("WML_TOKEN is sent as it is, with no exchange", async () => {
    const stack = await startStack({ env: { WML_TOKEN: "static-wml-token" } });
    try {
      const answer = await stack.query(READ);
      expect(answer.errors).toBeUndefined();
      expect(exchanges(stack)).toHaveLength(0);
      expect([...bearers(stack)]).toEqual(["Bearer static-wml-token"]);
    } finally {
      await stack.close();
    }
  });

  test("an expired static token is UNAUTHENTICATED, with WML's code and no token in the message", async () => {
    const stack = await startStack({ env: { WML_TOKEN: EXPIRED_TOKEN } });
    try {
      const answer = await stack.query(READ);
      const [error] = answer.errors ?? [];
      expect(error.extensions).toMatchObject({ code: "UNAUTHENTICATED", upstream: { service: "wml", status: 401, code: "authentication_token_expired", trace: expect.any(String) } });
      expect(JSON.stringify(answer.errors)).not.toContain(EXPIRED_TOKEN);
      expect(stack.upstream("/ml/v4/")).toHaveLength(1);
    } finally {
      await stack.close();
    }
  });

  test("an API key IAM does not know is UNAUTHENTICATED and the key appears nowhere in the answer", async () => {
    const stack = await startStack({ env: { WML_API_KEY: "not-a-known-api-key" } });
    try {
      const answer = await stack.query(READ);
      expect(answer.errors?.[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", upstream: { service: "wml", status: 400, code: "BXNIM0415E" } });
      expect(JSON.stringify(answer)).not.toContain("not-a-known-api-key");
      expect(stack.upstream("/ml/v4/")).toHaveLength(0);
    } finally {
      await stack.close();
    }
  });
});
