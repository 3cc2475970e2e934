import type { LoadResult } from "./load.js";

/** Gateway against direct at one connection count. */
export interface Comparison {
  connections: number;
  gateway: LoadResult;
  /** The direct REST calls, per call as autocannon measured them. */
  direct: LoadResult;
  /** Direct figures per operation: call/s ÷ calls, latency × calls (the calls one after another). */
  directOp: { rps: number; p50: number; p99: number };
  /** Gateway operations per second ÷ direct operations per second. */
  throughputRatio: number;
  /** Gateway p50 − direct operation p50, in milliseconds. */
  addedP50: number;
  /** Each paired round's own ratio and added p50; the figures above are their medians. */
  rounds: { throughputRatio: number[]; addedP50: number[] };
  /** The gateway process's CPU time (user + system) per operation during the measured run, in microseconds. */
  gatewayCpuPerOpUs: number;
}

/** One scenario's figures, or why it was not measured. */
export interface ScenarioResult {
  name: string;
  expectedCalls: number;
  skipped?: string;
  /** Upstream requests the catalog received per gateway operation (sequential operations, counted by the catalog). */
  upstreamCalls?: number;
  comparisons: Comparison[];
  /** Gateway resident memory before and after the scenario's gateway runs, in bytes. */
  rssBefore?: number;
  rssAfter?: number;
}

/** The long run at many connections. */
export interface SoakResult {
  scenario: string;
  connections: number;
  durationS: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  /** RSS samples in bytes, the first after the warm-up. */
  samples: number[];
  growthPct: number;
}

/** Everything one harness run measured. */
export interface BenchReport {
  date: string;
  machine: { nproc: number; memoryBytes: number; cpu: string; node: string; platform: string };
  command: string;
  quick: boolean;
  /** Measured seconds per side and comparison, over all rounds. */
  durationS: number;
  rounds: number;
  scenarios: ScenarioResult[];
  soak?: SoakResult;
  targets: Array<{ target: string; measured: string; met: boolean }>;
}

const mb = (bytes: number | undefined) => (bytes === undefined ? "–" : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : "–");
const n0 = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "–");

/** Renders bench/RESULTS.md from one run. */
export function renderMarkdown(report: BenchReport): string {
  const lines: string[] = [];
  lines.push("# Benchmark results", "");
  lines.push("Written by the harness (`bench/run.ts`); do not edit by hand. Rerun with the command below.", "");
  lines.push(`- date: ${report.date}`);
  lines.push(`- machine: ${report.machine.nproc} CPUs (${report.machine.cpu}), ${mb(report.machine.memoryBytes)} memory, Node ${report.machine.node}, ${report.machine.platform}`);
  lines.push(`- command: \`${report.command}\`${report.quick ? " (quick mode: figures are not meaningful)" : ""}`);
  lines.push(
    `- each comparison: ${report.rounds} paired round${report.rounds === 1 ? "" : "s"} (the direct calls, then the gateway, each for ${(report.durationS / report.rounds).toFixed(1)} s after its own warm-up); rates, percentiles, ratios and the added p50 are medians over the rounds, the ratio and the added p50 taken within each round`,
    "- the gateway, the local catalog and the load client are three processes on loopback sharing the CPUs",
  );
  lines.push("");
  lines.push("## Targets", "", "| target | measured | met |", "|---|---|---|");
  for (const t of report.targets) lines.push(`| ${t.target} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`);
  lines.push("");
  lines.push("## Scenarios", "");
  lines.push(
    "Direct = the same REST calls sent straight to the local catalog by the same client in the same run. For a",
    "scenario that needs N REST calls, each direct connection sends the N calls one after another: direct op/s is",
    "call/s ÷ N and the direct operation latency is N × the per-call latency. Latencies in milliseconds; gateway CPU/op",
    "is the gateway process's user + system CPU time during the measured run divided by the operations it answered.",
    "",
  );
  lines.push("| scenario | conns | gateway op/s | direct op/s | ratio | gateway p50 / p99 | direct op p50 / p99 | added p50 | gateway CPU/op | upstream calls/op (expected) | gateway RSS before → after |");
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const s of report.scenarios) {
    if (s.skipped) {
      lines.push(`| ${s.name} | – | – | – | – | – | – | – | – | – (${s.expectedCalls}) | skipped: ${s.skipped} |`);
      continue;
    }
    for (const [i, c] of s.comparisons.entries()) {
      const calls = i === 0 ? `${s.upstreamCalls?.toFixed(2)} (${s.expectedCalls})` : "";
      const memory = i === 0 ? `${mb(s.rssBefore)} → ${mb(s.rssAfter)}` : "";
      lines.push(
        `| ${i === 0 ? s.name : ""} | ${c.connections} | ${n0(c.gateway.rps)} | ${n0(c.directOp.rps)} | ${c.throughputRatio.toFixed(2)} | ${ms(c.gateway.p50)} / ${ms(c.gateway.p99)} | ${ms(c.directOp.p50)} / ${ms(c.directOp.p99)} | ${ms(c.addedP50)} | ${n0(c.gatewayCpuPerOpUs)} µs | ${calls} | ${memory} |`,
      );
    }
  }
  if (report.soak) {
    const s = report.soak;
    lines.push("", "## Memory under sustained load", "");
    lines.push(`"${s.scenario}" at ${s.connections} connections for ${s.durationS.toFixed(0)} s: ${n0(s.rps)} op/s, p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, ${s.failed} failed.`, "");
    lines.push(`Gateway RSS every ${(s.durationS / Math.max(1, s.samples.length - 1)).toFixed(0)} s: ${s.samples.map(mb).join(", ")}; growth ${s.growthPct.toFixed(1)}% from the first sample (taken after a warm-up) to the last.`);
  }
  lines.push("");
  return lines.join("\n");
}
