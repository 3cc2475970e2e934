import { expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const depcruise = resolve(root, "node_modules/.bin/depcruise");

/** Runs depcruise with the project's rules over `src` of `cwd`; answers the violations it reports. */
async function violations(cwd: string): Promise<string[]> {
  const run = promisify(execFile);
  let stdout: string;
  try {
    ({ stdout } = await run(depcruise, ["src", "--config", resolve(root, ".dependency-cruiser.cjs"), "--output-type", "json"], { cwd, maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    // depcruise exits non-zero when it finds violations; the JSON report is still on stdout.
    stdout = (error as { stdout?: string }).stdout ?? "";
    if (!stdout) throw error;
  }
  const report = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

test("the boundary rules catch a catalog module importing the gateway and a gateway module importing the catalog, not the entry point", async () => {
  expect(await violations(resolve(root, "test/fixtures/boundaries"))).toEqual([
    "local-catalog-stands-alone: src/local-catalog/server.ts → src/config.ts",
    "only-entry-points-start-the-local-catalog: src/wml/setup.ts → src/local-catalog/name.ts",
  ]);
}, 180_000);

test("the project's own src/ keeps both boundaries (the local catalog shares no code with the gateway)", async () => {
  expect(await violations(root)).toEqual([]);
}, 180_000);
