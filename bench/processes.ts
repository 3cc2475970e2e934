import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A child process started by the harness, with the URL it announced on stdout. */
export interface BenchProcess {
  readonly url: string;
  readonly pid: number;
  /** The process's resident set size in bytes (VmRSS of /proc/<pid>/status). */
  rss(): number;
  /** CPU time the process has used so far (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** The built entry points, found beside this module (dist/bench/ → dist/src/). */
export const ENTRY = {
  catalog: fileURLToPath(new URL("../src/local-catalog/main.js", import.meta.url)),
  gateway: fileURLToPath(new URL("../src/main.js", import.meta.url)),
};

/** Reads a process's resident memory from procfs (Linux); the harness runs the gateway as a child for this. */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times (`getconf CLK_TCK`, 100 on Linux x86). */
let ticksPerSecond: number | undefined;

/** A process's CPU time so far, user + system (fields 14 and 15 of /proc/<pid>/stat), in seconds. */
function cpuSeconds(pid: number): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * Starts `node <entry>` with `env` added to the harness's environment and waits for the first URL it
 * prints on stdout (both entry points announce where they listen). Stdout goes to a file, not a pipe:
 * the harness process also runs the load client, and draining a log pipe there would take its event
 * loop from the requests it times.
 */
export async function startProcess(name: string, entry: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchProcess> {
  const dir = mkdtempSync(join(tmpdir(), "catalog-gateway-bench-"));
  const stdoutFile = join(dir, "stdout.log");
  const stdoutFd = openSync(stdoutFile, "w");
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, entry], {
    env: { ...process.env, ...env },
    stdio: ["ignore", stdoutFd, "pipe"],
  });
  closeSync(stdoutFd);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const early = (code: number | null) => {
      clearInterval(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`${name} exited with ${code} before listening: ${stderr.trim()}`));
    };
    const timer = setInterval(() => {
      const match = /(http:\/\/[\w.:-]+:\d+)/.exec(readFileSync(stdoutFile, "utf8"));
      if (match) {
        clearInterval(timer);
        child.off("exit", early);
        resolve(match[1]);
      }
    }, 25);
    child.once("exit", early);
    child.once("error", reject);
  });
  return {
    url,
    pid: child.pid!,
    rss: () => residentBytes(child.pid!),
    cpuSeconds: () => cpuSeconds(child.pid!),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
