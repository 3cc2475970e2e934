import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { BenchReport } from "../../bench/report.js";
import { projectRoot } from "../../src/project-root.js";

// Proves the benchmark harness works, not how fast anything is: the quick mode builds, starts the local
// catalog and the gateway as processes, drives every scenario, and reports numbers and the upstream
// calls each operation cost (counted by the catalog). Timings are not asserted here.

const run = promisify(execFile);
// Inside node_modules so that the built files resolve the project's packages; outside dist/ so that a
// test run never rewrites what `npm start` serves.
const outDir = join(projectRoot, "node_modules", ".cache", "catalog-gateway-bench");

let report: BenchReport;

beforeAll(async () => {
  // tsc emits even when another part of the tree has a type error; `npm run typecheck` reports those.
  await run(process.execPath, [join(projectRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--outDir", outDir], { cwd: projectRoot }).catch(
    () => undefined,
  );
  const entry = join(outDir, "bench", "run.js");
  if (!existsSync(entry)) throw new Error(`the harness did not build to ${entry}`);
  const { stdout } = await run(process.execPath, [entry, "--quick", "--json", "--out", "-"], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
  report = JSON.parse(stdout) as BenchReport;
}, 240_000);

test("the report names the machine and the command", () => {
  expect(report.quick).toBe(true);
  expect(report.machine.nproc).toBeGreaterThan(0);
  expect(report.machine.node).toBe(process.version);
  expect(report.command).toMatch(/^npm run bench/);
});

test("the read scenarios ran through the gateway and directly, at 1 and 10 connections, with numbers", () => {
  const measured = report.scenarios.filter((s) => !s.skipped);
  expect(measured.map((s) => s.name)).toEqual(expect.arrayContaining(["one service by FQN", "ten distinct services by aliases", "a page of 50 services with owners and tags", "_entities with 50 representations"]));
  for (const scenario of measured) {
    expect(scenario.comparisons.map((c) => c.connections)).toEqual([1, 10]);
    for (const c of scenario.comparisons) {
      for (const value of [c.gateway.rps, c.gateway.p50, c.gateway.p99, c.direct.rps, c.direct.p50, c.directOp.rps, c.throughputRatio, c.gatewayCpuPerOpUs]) {
        expect(Number.isFinite(value) && value > 0).toBe(true);
      }
      expect(c.gateway.failed + c.direct.failed).toBe(0);
      expect(c.rounds.addedP50).toHaveLength(report.rounds);
      expect(c.rounds.throughputRatio).toHaveLength(report.rounds);
    }
    expect(scenario.rssBefore).toBeGreaterThan(0);
    expect(scenario.rssAfter).toBeGreaterThan(0);
  }
});

test("every measured scenario cost exactly one upstream call per distinct upstream resource", () => {
  for (const scenario of report.scenarios.filter((s) => !s.skipped)) {
    expect({ name: scenario.name, calls: scenario.upstreamCalls }).toEqual({ name: scenario.name, calls: scenario.expectedCalls });
  }
});

test("the sustained run sampled the gateway's memory", () => {
  expect(report.soak?.samples.length).toBeGreaterThanOrEqual(2);
  expect(Number.isFinite(report.soak?.growthPct)).toBe(true);
  expect(report.targets.length).toBeGreaterThanOrEqual(4);
});
