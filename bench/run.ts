import { cpus, totalmem } from "node:os";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { load, sendAll, type LoadRequest, type LoadResult } from "./load.js";
import { ENTRY, startProcess, type BenchProcess } from "./processes.js";
import { renderMarkdown, type BenchReport, type Comparison, type ScenarioResult, type SoakResult } from "./report.js";
import { OPENMETADATA_TOKEN, SAMPLE_SPACE_ID, SCENARIOS, WML_TOKEN, type Scenario } from "./scenarios.js";
import { carrySection } from "./sections.js";
import { hasOpenMetadata, seedModels, seedServices } from "./seed.js";

/**
 * `npm run bench`: starts the local catalog and the gateway as separate processes on loopback, drives
 * each scenario through the gateway and straight against the REST upstream with autocannon, and writes
 * bench/RESULTS.md. `--quick` (or BENCH_QUICK=1) runs a second a scenario to prove the harness works;
 * `--json` prints the report as JSON; `--out <file>` writes the Markdown elsewhere (`--out -` nowhere);
 * `--cpu-prof` starts the gateway under `node --cpu-prof` (profiles in bench/profiles/).
 */

interface Options {
  quick: boolean;
  json: boolean;
  out: string | undefined;
  cpuProf: boolean;
  only: string | undefined;
}

function parseArgs(argv: string[]): Options {
  const quick = argv.includes("--quick") || process.env.BENCH_QUICK === "1";
  const outIndex = argv.indexOf("--out");
  const onlyIndex = argv.indexOf("--only");
  const defaultOut = quick ? undefined : fileURLToPath(new URL("../../bench/RESULTS.md", import.meta.url));
  const out = outIndex >= 0 ? argv[outIndex + 1] : defaultOut;
  return {
    quick,
    json: argv.includes("--json"),
    out: out === "-" ? undefined : out,
    cpuProf: argv.includes("--cpu-prof"),
    only: onlyIndex >= 0 ? argv[onlyIndex + 1] : undefined,
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function control(catalog: string, method: "GET" | "DELETE"): Promise<number> {
  const response = await fetch(`${catalog}/_catalog/requests`, { method });
  const text = await response.text();
  return method === "GET" ? (JSON.parse(text) as { count: number }).count : 0;
}

/**
 * Waits until the catalog's request count stops moving: when a load run ends, the gateway may still be
 * finishing operations whose clients were cut off, and their upstream calls must not be counted later.
 */
async function settle(catalog: string): Promise<void> {
  let previous = -1;
  for (;;) {
    const count = await control(catalog, "GET");
    if (count === previous) return;
    previous = count;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Sends the scenario's operations one after another and divides the catalog's request count by them. */
async function upstreamCallsPerOperation(gateway: string, catalog: string, scenario: Scenario, operations: number): Promise<number> {
  await settle(catalog);
  await control(catalog, "DELETE");
  const sequence = Array.from({ length: operations }, (_, i) => scenario.countWith?.(i) ?? scenario.gateway[i % scenario.gateway.length]);
  await sendAll(gateway, sequence);
  return (await control(catalog, "GET")) / operations;
}

/** Why a scenario cannot run yet (its operation is not in the schema), or its first error. */
async function probe(gateway: string, request: LoadRequest): Promise<{ skip?: string; error?: string }> {
  const response = await fetch(new URL(request.path, gateway), { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  let answer: { errors?: Array<{ message: string }> };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { error: `HTTP ${response.status}: ${text.slice(0, 200)}` };
  }
  const first = answer.errors?.[0];
  if (!first) return response.ok ? {} : { error: `HTTP ${response.status}` };
  if (/Cannot query field|Unknown type|Unknown argument/.test(first.message)) return { skip: `not in the schema yet (${first.message})` };
  return { error: first.message };
}

/** Paired rounds per comparison (direct, then gateway, each after its own warm-up); each figure reported is the median over them. */
const ROUNDS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Several runs of one side as one row: medians of the rates and percentiles, sums of the counts. */
function medianOf(runs: readonly Measured[]): Measured {
  const sum = (pick: (run: Measured) => number) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    connections: runs[0].connections,
    durationS: sum((run) => run.durationS),
    rps: median(runs.map((run) => run.rps)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    total: sum((run) => run.total),
    failed: sum((run) => run.failed),
    gatewayCpuSeconds: sum((run) => run.gatewayCpuSeconds),
  };
}

/**
 * One comparison from its paired rounds: the ratio and the added p50 are computed within each round
 * (direct and gateway measured minutes apart would each catch a different state of a noisy machine),
 * then their medians are reported, with every round's value.
 */
function compare(connections: number, rounds: ReadonlyArray<{ gateway: Measured; direct: Measured }>, calls: number): Comparison {
  const directOpOf = (direct: Pick<LoadResult, "rps" | "p50" | "p99">) => ({ rps: direct.rps / calls, p50: direct.p50 * calls, p99: direct.p99 * calls });
  const ratios = rounds.map((round) => round.gateway.rps / directOpOf(round.direct).rps);
  const added = rounds.map((round) => round.gateway.p50 - directOpOf(round.direct).p50);
  const { gatewayCpuSeconds, ...gateway } = medianOf(rounds.map((round) => round.gateway));
  const { gatewayCpuSeconds: _directSideCpu, ...direct } = medianOf(rounds.map((round) => round.direct));
  return {
    connections,
    gateway,
    direct,
    directOp: directOpOf(direct),
    throughputRatio: median(ratios),
    addedP50: median(added),
    rounds: { throughputRatio: ratios, addedP50: added },
    gatewayCpuPerOpUs: (gatewayCpuSeconds / gateway.total) * 1e6,
  };
}

/** A load run's figures with the gateway's CPU time spent during it (0 when it was not watched). */
type Measured = LoadResult & { gatewayCpuSeconds: number };

async function measure(origin: string, requests: LoadRequest[], connections: number, durationS: number, warmupS: number, watched?: BenchProcess): Promise<Measured> {
  await load(origin, requests, { connections, durationS: warmupS });
  const cpuBefore = watched?.cpuSeconds() ?? 0;
  const result = await load(origin, requests, { connections, durationS });
  const gatewayCpuSeconds = (watched?.cpuSeconds() ?? 0) - cpuBefore;
  if (result.failed > 0) throw new Error(`${result.failed} of ${result.total + result.failed} requests to ${origin} failed`);
  return { ...result, gatewayCpuSeconds };
}

async function runScenario(scenario: Scenario, gateway: BenchProcess, catalog: BenchProcess, options: { durationS: number; warmupS: number; rounds: number; omAvailable: boolean }): Promise<ScenarioResult> {
  const result: ScenarioResult = { name: scenario.name, expectedCalls: scenario.expectedCalls, comparisons: [] };
  const needsOpenMetadata = scenario.direct.some((r) => r.path.startsWith("/api/"));
  if (needsOpenMetadata && !options.omAvailable) return { ...result, skipped: "the catalog serves no OpenMetadata services yet" };
  const check = await probe(gateway.url, scenario.gateway[0]);
  if (check.skip) return { ...result, skipped: check.skip };
  if (check.error) return { ...result, skipped: `the operation failed: ${check.error}` };
  result.upstreamCalls = await upstreamCallsPerOperation(gateway.url, catalog.url, scenario, 10);
  result.rssBefore = gateway.rss();
  for (const connections of [1, 10]) {
    const rounds: Array<{ gateway: Measured; direct: Measured }> = [];
    for (let round = 0; round < options.rounds; round++) {
      const runS = options.durationS / options.rounds;
      const direct = await measure(catalog.url, scenario.direct, connections, runS, options.warmupS);
      rounds.push({ direct, gateway: await measure(gateway.url, scenario.gateway, connections, runS, options.warmupS, gateway) });
    }
    result.comparisons.push(compare(connections, rounds, scenario.direct.length));
  }
  result.rssAfter = gateway.rss();
  return result;
}

async function soak(scenario: Scenario, gateway: BenchProcess, durationS: number, warmupS: number, connections: number): Promise<SoakResult> {
  await load(gateway.url, scenario.gateway, { connections, durationS: warmupS });
  const samples = [gateway.rss()];
  const every = Math.max(1, durationS / 12) * 1000;
  const timer = setInterval(() => samples.push(gateway.rss()), every);
  const run = await load(gateway.url, scenario.gateway, { connections, durationS });
  clearInterval(timer);
  samples.push(gateway.rss());
  const growthPct = ((samples[samples.length - 1] - samples[0]) / samples[0]) * 100;
  return { scenario: scenario.name, connections, durationS: run.durationS, rps: run.rps, p50: run.p50, p99: run.p99, failed: run.failed, samples, growthPct };
}

function targets(report: BenchReport): BenchReport["targets"] {
  const out: BenchReport["targets"] = [];
  const fqn = report.scenarios[0];
  const one = fqn?.comparisons.find((c) => c.connections === 1);
  const tenConn = fqn?.comparisons.find((c) => c.connections === 10);
  const each = (values: number[], digits: number) => (values.length > 1 ? ` (median of ${values.map((v) => v.toFixed(digits)).join(", ")})` : "");
  if (one) out.push({ target: "added p50, one service by FQN, 1 connection ≤ 0.5 ms", measured: `${one.addedP50.toFixed(3)} ms${each(one.rounds.addedP50, 3)}`, met: one.addedP50 <= 0.5 });
  if (tenConn) {
    const measured = `${tenConn.throughputRatio.toFixed(2)} of direct${each(tenConn.rounds.throughputRatio, 2)}`;
    out.push({ target: "throughput, one service by FQN, 10 connections ≥ 1/4 of direct", measured, met: tenConn.throughputRatio >= 0.25 });
  }
  const measured = report.scenarios.filter((s) => s.upstreamCalls !== undefined);
  const skipped = report.scenarios.filter((s) => s.skipped).length;
  out.push({
    target: "upstream calls per operation = distinct upstream resources, every scenario",
    measured: `${measured.map((s) => `${s.upstreamCalls!.toFixed(2)}/${s.expectedCalls}`).join(", ")}${skipped ? `; ${skipped} skipped` : ""}`,
    met: skipped === 0 && measured.every((s) => Math.abs(s.upstreamCalls! - s.expectedCalls) < 1e-9),
  });
  if (report.soak) out.push({ target: `memory growth over the ${report.soak.durationS.toFixed(0)} s run at ${report.soak.connections} connections < 10%`, measured: `${report.soak.growthPct.toFixed(1)}%`, met: report.soak.growthPct < 10 });
  return out;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const durationS = options.quick ? 1 : 10;
  const warmupS = options.quick ? 0.5 : 2;
  const soakS = options.quick ? 2 : 60;
  const rounds = options.quick ? 1 : ROUNDS;
  const catalog = await startProcess("local catalog", ENTRY.catalog, { LOCAL_CATALOG_PORT: "0", LOCAL_CATALOG_DATA: ":memory:" });
  let gateway: BenchProcess | undefined;
  try {
    const omAvailable = await hasOpenMetadata(catalog.url);
    if (omAvailable) {
      await seedServices(catalog.url);
      await seedModels(catalog.url);
    }
    const profileDir = fileURLToPath(new URL("../../bench/profiles/", import.meta.url));
    if (options.cpuProf) mkdirSync(profileDir, { recursive: true });
    gateway = await startProcess(
      "gateway",
      ENTRY.gateway,
      {
        PORT: "0",
        OPENMETADATA_URL: `${catalog.url}/api`,
        OPENMETADATA_TOKEN,
        WML_URL: catalog.url,
        WML_TOKEN,
        WML_SPACE_ID: SAMPLE_SPACE_ID,
        LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
        NODE_ENV: "production",
      },
      options.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    );
    const gatewayOrigin = new URL(gateway.url).origin;
    const gw: BenchProcess = { ...gateway, url: gatewayOrigin };
    const scenarios: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      if (options.only && !scenario.name.includes(options.only)) continue;
      log(`scenario: ${scenario.name}`);
      scenarios.push(await runScenario(scenario, gw, catalog, { durationS, warmupS, rounds, omAvailable }));
    }
    const first = scenarios.find((s) => s.name === SCENARIOS[0].name && !s.skipped);
    log(first ? `soak: ${soakS} s at 50 connections` : "soak: skipped (the first scenario did not run)");
    const soaked = first ? await soak(SCENARIOS[0], gw, soakS, options.quick ? 0.5 : 5, 50) : undefined;
    const cpu = cpus();
    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: { nproc: cpu.length, memoryBytes: totalmem(), cpu: cpu[0]?.model ?? "unknown", node: process.version, platform: `${process.platform} ${process.arch}` },
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
      quick: options.quick,
      durationS,
      rounds,
      scenarios,
      soak: soaked,
      targets: [],
    };
    report.targets = targets(report);
    const markdown = renderMarkdown(report);
    // The subscription benchmark's section (bench/subscriptions.ts) is its own; it stays.
    if (options.out) writeFileSync(options.out, carrySection(existsSync(options.out) ? readFileSync(options.out, "utf8") : "", markdown, "Subscriptions"));
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : markdown);
  } finally {
    await gateway?.stop();
    await catalog.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
