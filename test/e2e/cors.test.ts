import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { launchChromium, staysLocal, type Chromium } from "../helpers/chromium.js";
import { startStack, type Stack } from "../helpers/stack.js";

/** A page of a browser app, served from its own loopback port: another origin than the gateway's. */
const APP_PAGE = "<!doctype html><html><head><title>frontend</title></head><body>frontend</body></html>";

/** What the page's script saw when it called the gateway. */
interface Outcome {
  status?: number;
  requestId?: string | null;
  body?: { data?: { mlModelServices?: { nodes: Array<{ name: string }> } }; errors?: unknown };
  error?: string;
}

let app: Server;
let appOrigin: string;
let browser: Chromium;
const requested: string[] = [];

beforeAll(async () => {
  app = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(APP_PAGE);
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  browser = await launchChromium();
  browser.page.on("request", (request) => requested.push(request.url()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
});

/** Loads the app's page and, from its script, POSTs a query to the gateway as Apollo Client would (JSON, with credentials). */
async function callFromPage(gatewayUrl: string): Promise<Outcome> {
  await browser.page.goto(appOrigin, { waitUntil: "load" });
  return browser.page.evaluate(async (url) => {
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "include",
        headers: { "content-type": "application/json", "x-request-id": "from-the-browser-app" },
        body: JSON.stringify({ query: "{ mlModelServices(first: 2) { nodes { name } } }" }),
      });
      return { status: response.status, requestId: response.headers.get("x-request-id"), body: await response.json() };
    } catch (error) {
      return { error: String(error) };
    }
  }, gatewayUrl) as Promise<Outcome>;
}

test("with CORS_ORIGINS naming the app's origin, the page's script gets data from the gateway", async () => {
  const stack: Stack = await startStack({ env: { CORS_ORIGINS: appOrigin } });
  try {
    expect(new URL(stack.url).origin).not.toBe(appOrigin);
    const outcome = await callFromPage(stack.url);
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe(200);
    expect(outcome.body?.errors).toBeUndefined();
    expect(outcome.body?.data?.mlModelServices?.nodes.length).toBeGreaterThan(0);
    expect(outcome.requestId).toBe("from-the-browser-app");
    expect(stack.upstream("/services/mlmodelServices").length).toBeGreaterThan(0);
  } finally {
    await stack.close();
  }
}, 90_000);

test("without CORS_ORIGINS the browser blocks the call at the preflight, and nothing reaches the catalog", async () => {
  const stack: Stack = await startStack();
  try {
    const outcome = await callFromPage(stack.url);
    expect(outcome.status).toBeUndefined();
    expect(outcome.error).toMatch(/Failed to fetch/);
    expect(stack.upstream("/services")).toEqual([]);
  } finally {
    await stack.close();
  }
  expect(requested.filter((url) => !staysLocal(url))).toEqual([]);
}, 90_000);
