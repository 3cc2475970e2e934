import type { Page } from "playwright-core";
import { launchChromium, staysLocal, type Chromium } from "../helpers/chromium.js";
import { startStack, type Stack } from "../helpers/stack.js";

let stack: Stack;
let browser: Chromium;
let page: Page;
const requested: string[] = [];
const pageErrors: string[] = [];
/** What Chromium reports as refused by the page's Content-Security-Policy (scripts, styles, workers, fetches). */
const cspViolations: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  page = browser.page;
  page.on("request", (request) => requested.push(request.url()));
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

test("GraphiQL loads from the gateway, runs the sample query over the sample data, and never leaves the machine", async () => {
  const response = await page.goto(stack.url, { waitUntil: "load" });
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-type"]).toMatch(/text\/html/);
  expect(response?.headers()["content-security-policy"]).toMatch(/default-src 'none'; script-src 'sha256-/);
  expect(response?.headers()["x-frame-options"]).toBe("DENY");

  const editor = page.locator(".graphiql-query-editor");
  await editor.waitFor({ timeout: 30_000 });
  await expect(editor.innerText()).resolves.toContain("SampleServices");

  const answered = page.waitForResponse((r) => r.url() === stack.url && r.request().method() === "POST" && (r.request().postData() ?? "").includes("SampleServices"));
  await page.locator(".graphiql-execute-button").click();
  const body = (await (await answered).json()) as { data?: { pipelineService?: { name: string } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data?.pipelineService?.name).toBe("sample_airflow");

  // The result pane is an editor that renders only the lines in view: the top of the answer.
  const result = page.locator(".graphiql-response");
  await result.getByText("mlflow_svc").first().waitFor({ timeout: 30_000 });
  const text = await result.innerText();
  expect(text).toMatch(/^\s*\{\s*"data":\s*\{\s*"mlModelService":\s*\{/);
  expect(text).not.toContain('"errors"');

  expect(pageErrors).toEqual([]);
  expect(cspViolations).toEqual([]);
  expect(requested.length).toBeGreaterThan(0);
  expect(requested.filter((url) => !staysLocal(url))).toEqual([]);
}, 90_000);

test("the documentation explorer shows the schema's query fields", async () => {
  await page.getByRole("button", { name: /documentation explorer/i }).click();
  const docs = page.locator(".graphiql-doc-explorer");
  await docs.getByText("Query", { exact: true }).first().click();
  await docs.getByText("mlModelServices").first().waitFor({ timeout: 15_000 });
  expect(cspViolations).toEqual([]);
  expect(requested.filter((url) => !staysLocal(url))).toEqual([]);
}, 60_000);
