import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { projectRoot } from "../../src/project-root.js";

/**
 * The project's sources compiled to JavaScript (each file on its own, `ts.transpileModule`: no type
 * check) under node_modules/.cache, where Node resolves the project's dependencies, so that a test can
 * run the local catalog in child processes of its own. Compiled once per test file.
 */
function compileSources(): string {
  const root = projectRoot;
  const out = join(root, "node_modules", ".cache", "catalog-gateway-tests", `${process.pid}-${Date.now()}`);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []));
  for (const file of walk(join(root, "src"))) {
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(
    join(out, "catalog.js"),
    `import { startLocalCatalog } from "./src/local-catalog/server.js";
const catalog = await startLocalCatalog({ port: 0, dataFile: process.argv[2], recordRequests: false });
process.stdout.write(catalog.url + "\\n");
process.once("SIGTERM", () => void catalog.close().then(() => process.exit(0)));
`,
  );
  return out;
}

/** A local catalog running in a child process. */
export interface CatalogProcess {
  url: string;
  stop(): Promise<void>;
}

let compiled: string | undefined;

/** Removes the compiled sources (call once the test file's processes have stopped). */
export function removeCompiledSources(): void {
  if (compiled) rmSync(compiled, { recursive: true, force: true });
  compiled = undefined;
}

/** Starts `node catalog.js <dataFile>` and waits (at most `timeoutMs`) for the URL it prints. */
export async function startCatalogProcess(dataFile: string, timeoutMs = 20_000): Promise<CatalogProcess> {
  compiled ??= compileSources();
  const child: ChildProcess = spawn(process.execPath, [join(compiled, "catalog.js"), dataFile], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /(http:\/\/[\w.:-]+:\d+)/.exec(stdout);
        if (match) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`the catalog process exited with ${code}: ${stderr}`)));
      timer = setTimeout(() => reject(new Error(`the catalog process printed no URL within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    });
    return {
      url,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(kill);
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
