import { cpus } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { DEFAULT_WML_API_VERSION } from "../src/config.js";
import { ENTRY, startProcess, type BenchProcess } from "./processes.js";
import { SAMPLE_SPACE_ID, WML_TOKEN } from "./scenarios.js";
import { replaceSection } from "./sections.js";

/**
 * `npm run bench:subscriptions`: 200 subscribers over 20 deployments for 30 s. The local catalog and the
 * gateway run as processes on loopback (the catalog redeploys in 1.5 s, the gateway polls every 250 ms);
 * each subscriber has its own WebSocket. Every 4 s each deployment gets a `replaceAsset` (alternating two
 * models), so each subscriber should see its deployment's first state, then UPDATING and READY per
 * redeploy. Measured: upstream reads per poll interval (from the gateway's own metrics) against the
 * number of distinct deployments, the gateway's RSS from the start of the run to its end, and whether
 * every subscriber saw every transition. Writes a "Subscriptions" section into bench/RESULTS.md, keeping
 * the rest. `--quick`: 5 s, figures not meaningful, RESULTS.md left alone.
 */

const DEPLOYMENTS = 20;
const SUBSCRIBERS = 200;
const POLL_MS = 250;
const REDEPLOY_EVERY_MS = 4000;
const MODELS = [
  { id: "3b8f2c41-6d0e-4a7b-9c15-2e4f6a8b0c11", rev: "1" },
  { id: "7c2d9e13-1f4a-4b6c-8d20-3a5b7c9d1e22", rev: "1" },
];
const ROUTE = 'route="GET /ml/v4/deployments/{id}"';

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates one online deployment of the first model straight in the catalog's WML API. */
async function createDeployment(catalog: string, n: number): Promise<string> {
  const query = new URLSearchParams({ version: DEFAULT_WML_API_VERSION, space_id: SAMPLE_SPACE_ID });
  const response = await fetch(`${catalog}/ml/v4/deployments?${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${WML_TOKEN}` },
    body: JSON.stringify({ name: `bench-watch-${n}`, asset: MODELS[0], online: {}, space_id: SAMPLE_SPACE_ID }),
  });
  if (response.status !== 202) throw new Error(`creating a deployment answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { metadata: { id: string } }).metadata.id;
}

async function graphql(gateway: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(gateway, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The sum of a counter's samples that carry `label`, from the gateway's /metrics. */
async function counter(origin: string, name: string, label: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  let sum = 0;
  for (const line of text.split("\n")) if (line.startsWith(`${name}{`) && line.includes(label)) sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  return sum;
}

async function gauge(origin: string, name: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+)$`, "m").exec(text)?.[1] ?? NaN);
}

/** One subscriber: its own socket and the states it saw, in order. */
interface Subscriber {
  deployment: string;
  client: Client;
  states: string[];
  errors: number;
}

function subscribe(url: string, deployment: string): Subscriber {
  const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
  const subscriber: Subscriber = { deployment, client, states: [], errors: 0 };
  client.subscribe(
    { query: `subscription($id: ID!) { deploymentChanged(id: $id) { state asset { id } } }`, variables: { id: deployment } },
    {
      next: (result) => {
        if (result.errors) subscriber.errors++;
        else subscriber.states.push((result.data as any).deploymentChanged.state);
      },
      error: () => subscriber.errors++,
      complete: () => undefined,
    },
  );
  return subscriber;
}

/** One replaceAsset of every deployment, alternating the two models by `round`; each must answer UPDATING. */
async function redeployAll(url: string, deployments: string[], redeploys: Map<string, number>, round: number): Promise<void> {
  await Promise.all(
    deployments.map(async (id) => {
      const answer = await graphql(url, `mutation($id: ID!, $asset: AssetInput!) { replaceAsset(deploymentId: $id, asset: $asset) { outcome } }`, { id, asset: MODELS[round % 2] });
      if (answer.replaceAsset.outcome !== "UPDATING") throw new Error(`replaceAsset answered ${answer.replaceAsset.outcome}`);
      redeploys.set(id, redeploys.get(id)! + 1);
    }),
  );
}

/** The transitions a deployment went through, as its subscribers should see them: its first state, then UPDATING, READY per redeploy. */
function expected(redeploys: number): string[] {
  return ["READY", ...Array.from({ length: redeploys }, () => ["UPDATING", "READY"]).flat()];
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
  const durationMs = quick ? 5000 : 30_000;
  const catalog = await startProcess("local catalog", ENTRY.catalog, { LOCAL_CATALOG_PORT: "0", LOCAL_CATALOG_DATA: ":memory:" });
  let gateway: BenchProcess | undefined;
  const subscribers: Subscriber[] = [];
  try {
    gateway = await startProcess("gateway", ENTRY.gateway, {
      PORT: "0",
      OPENMETADATA_URL: `${catalog.url}/api`,
      OPENMETADATA_TOKEN: "admin",
      WML_URL: catalog.url,
      WML_SPACE_ID: SAMPLE_SPACE_ID,
      WML_TOKEN,
      LOG_LEVEL: "info",
      NODE_ENV: "production",
      SUBSCRIPTION_POLL_MS: String(POLL_MS),
      MAX_SUBSCRIPTIONS: String(SUBSCRIBERS),
    });
    const origin = new URL(gateway.url).origin;
    const graphqlUrl = `${origin}/graphql`;
    log(`gateway at ${origin}, catalog at ${catalog.url}`);
    const deployments: string[] = [];
    for (let n = 0; n < DEPLOYMENTS; n++) deployments.push(await createDeployment(catalog.url, n));
    // Wait until every new deployment is ready, so that every subscriber starts from READY.
    for (;;) {
      const states = await Promise.all(deployments.map((id) => graphql(graphqlUrl, `query($id: ID!) { deployment(id: $id) { state } }`, { id })));
      if (states.every((s) => s.deployment.state === "READY")) break;
      await sleep(250);
    }
    log(`${DEPLOYMENTS} deployments ready; ${SUBSCRIBERS} subscribers connecting`);
    for (let i = 0; i < SUBSCRIBERS; i++) subscribers.push(subscribe(graphqlUrl.replace(/^http/, "ws"), deployments[i % DEPLOYMENTS]));
    while (subscribers.some((s) => s.states.length === 0 && s.errors === 0)) await sleep(50);
    // Warm-up: one redeploy of every deployment, watched to the end, before the baseline is taken.
    const redeploys = new Map(deployments.map((id) => [id, 0]));
    await redeployAll(graphqlUrl, deployments, redeploys, 1);
    await sleep(REDEPLOY_EVERY_MS);
    const pollers = await gauge(origin, "gateway_subscription_pollers");
    const active = await gauge(origin, "gateway_subscriptions_active");
    const rssBefore = gateway.rss();
    const readsBefore = await counter(origin, "gateway_upstream_calls_total", ROUTE);
    const started = Date.now();
    log(`run: ${durationMs / 1000} s, a redeploy of every deployment each ${REDEPLOY_EVERY_MS / 1000} s`);

    let round = 0;
    let rssPeak = rssBefore;
    const rssSamples: number[] = [];
    const sampler = setInterval(() => rssSamples.push(gateway!.rss()), 5000);
    while (Date.now() - started < durationMs - 2500) {
      round++;
      await redeployAll(graphqlUrl, deployments, redeploys, round + 1);
      const next = started + round * REDEPLOY_EVERY_MS;
      while (Date.now() < next && Date.now() - started < durationMs) {
        rssPeak = Math.max(rssPeak, gateway.rss());
        await sleep(Math.min(500, Math.max(0, next - Date.now())));
      }
    }
    while (Date.now() - started < durationMs) await sleep(100);
    clearInterval(sampler);
    const elapsedMs = Date.now() - started;
    const reads = (await counter(origin, "gateway_upstream_calls_total", ROUTE)) - readsBefore;
    const rssAfter = gateway.rss();
    rssPeak = Math.max(rssPeak, rssAfter);

    const missed = subscribers.filter((s) => JSON.stringify(s.states) !== JSON.stringify(expected(redeploys.get(s.deployment)!)));
    const sameAsPeers = deployments.every((id) => new Set(subscribers.filter((s) => s.deployment === id).map((s) => JSON.stringify(s.states))).size === 1);
    const events = subscribers.reduce((n, s) => n + s.states.length, 0);
    const readsPerInterval = reads / (elapsedMs / POLL_MS);
    const growth = (rssAfter - rssBefore) / rssBefore;

    const cpu = cpus();
    const section = [
      `- date: ${new Date().toISOString()}`,
      `- machine: ${cpu.length} CPUs (${cpu[0]?.model ?? "unknown"}), Node ${process.version}`,
      `- command: \`npm run bench:subscriptions\` (bench/subscriptions.ts)`,
      `- ${SUBSCRIBERS} subscribers, one WebSocket each, over ${DEPLOYMENTS} deployments, ${(elapsedMs / 1000).toFixed(1)} s; SUBSCRIPTION_POLL_MS=${POLL_MS}; the catalog redeploys in 1.5 s; a replaceAsset of every deployment each ${REDEPLOY_EVERY_MS / 1000} s (${round} rounds, after one warm-up round before the baseline)`,
      "",
      "| target | measured | met |",
      "|---|---|---|",
      `| upstream polls per interval = distinct deployments (${DEPLOYMENTS}) | ${readsPerInterval.toFixed(1)} reads per ${POLL_MS} ms (${reads} in ${(elapsedMs / 1000).toFixed(1)} s); ${pollers} pollers for ${active} subscriptions | ${readsPerInterval <= DEPLOYMENTS && pollers === DEPLOYMENTS ? "yes" : "no"} |`,
      `| gateway RSS growth < 10% | ${(growth * 100).toFixed(1)}% (${mb(rssBefore)} → ${mb(rssAfter)}, peak ${mb(rssPeak)}; every 5 s: ${rssSamples.map(mb).join(", ")}) | ${growth < 0.1 ? "yes" : "no"} |`,
      `| every subscriber sees every transition | ${SUBSCRIBERS - missed.length} of ${SUBSCRIBERS} saw exactly their deployment's ${expected(round + 1).length} states (READY, then UPDATING, READY per redeploy); subscribers of one deployment saw the same events: ${sameAsPeers ? "yes" : "no"}; ${events} events in all | ${missed.length === 0 && sameAsPeers ? "yes" : "no"} |`,
      "",
      "Reads per interval fall a little below the number of deployments because a poller waits the interval after each read answers, not from when it was sent.",
    ].join("\n");
    process.stdout.write(`${section}\n`);
    if (missed.length > 0) log(`first subscriber that missed: ${JSON.stringify(missed[0].states)} (expected ${JSON.stringify(expected(redeploys.get(missed[0].deployment)!))})`);
    if (!quick) {
      const file = fileURLToPath(new URL("../../bench/RESULTS.md", import.meta.url));
      writeFileSync(file, replaceSection(readFileSync(file, "utf8"), "Subscriptions", section));
      log(`written to ${file}`);
    }
  } finally {
    await Promise.all(subscribers.map((s) => s.client.dispose()));
    await gateway?.stop();
    await catalog.stop();
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
