import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { ManualClock } from "../../src/local-catalog/clock.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { ManualScheduler, until } from "../helpers/subscriptions.js";

/** Debian's Chromium, driven as in graphiql.test.ts. */
const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const ID = SAMPLE_DEPLOYMENT_IDS.diabetesCanary;
const SUBSCRIPTION = `subscription Watch { deploymentChanged(id: "${ID}") { state asset { id rev } } }`;
const MUTATION = `mutation Redeploy { replaceAsset(deploymentId: "${ID}", asset: { id: "${SAMPLE_MODEL_IDS.diabetesBoosting}", rev: "1" }) { outcome } }`;

let stack: Stack;
let profile: string;
let browser: BrowserContext;
const clock = new ManualClock();
const scheduler = new ManualScheduler();
const sockets: string[] = [];

beforeAll(async () => {
  expect(existsSync(CHROMIUM)).toBe(true);
  stack = await startStack({ catalog: { clock, wml: { assetUpdateDelayMs: 1000 } }, app: { pollScheduler: scheduler } });
  profile = mkdtempSync(join(tmpdir(), "graphiql-subscription-profile-"));
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await stack?.close();
});

/** Opens GraphiQL with `query` in its editor, in a tab of its own. */
async function open(query: string): Promise<Page> {
  const page = await browser.newPage();
  page.on("websocket", (socket) => sockets.push(socket.url()));
  await page.goto(`${stack.url}?query=${encodeURIComponent(query)}`, { waitUntil: "load" });
  const editor = page.locator(".graphiql-query-editor");
  await editor.waitFor({ timeout: 30_000 });
  await editor.getByText(query.split(" ")[1]).first().waitFor({ timeout: 30_000 });
  return page;
}

test("a replaceAsset run in one tab shows up as events in a subscription tab, over graphql-ws on /graphql", async () => {
  const watching = await open(SUBSCRIPTION);
  const redeploying = await open(MUTATION);

  await watching.locator(".graphiql-execute-button").click();
  const result = watching.locator(".graphiql-response");
  await result.getByText('"READY"').first().waitFor({ timeout: 30_000 });
  expect(sockets).toEqual([stack.url.replace(/^http/, "ws")]);
  expect(stack.app.deps.watches.size).toBe(1);

  const answered = redeploying.waitForResponse((r) => r.url() === stack.url && r.request().method() === "POST");
  await redeploying.locator(".graphiql-execute-button").click();
  expect(await (await answered).json()).toEqual({ data: { replaceAsset: { outcome: "UPDATING" } } });

  await until(() => scheduler.pending.size === 1, 5000, "a poll scheduled");
  scheduler.fire();
  await result.getByText('"UPDATING"').first().waitFor({ timeout: 30_000 });
  // The pane shows the latest event only, so READY below is the event after UPDATING.
  expect(await result.innerText()).toContain(SAMPLE_MODEL_IDS.diabetesBoosting);
  expect(await result.innerText()).not.toContain('"READY"');

  clock.advance(1000);
  await until(() => scheduler.pending.size === 1, 5000, "the next poll scheduled");
  scheduler.fire();
  await result.getByText('"READY"').first().waitFor({ timeout: 30_000 });
  // Closing the tab closes its socket: the gateway stops polling.
  await watching.close();
  await until(() => stack.app.deps.watches.size === 0, 10_000, "the poller stopped");
}, 120_000);
