import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** One case of the RFC 6902 corpus (the json-patch-test-suite package); `Op` types the operations. */
export interface JsonPatchCase<Op = unknown> {
  comment?: string;
  doc: unknown;
  patch: Op[];
  expected?: unknown;
  error?: string;
  disabled?: boolean;
}

const require = createRequire(import.meta.url);
const load = <Op>(file: string) => JSON.parse(readFileSync(require.resolve(`json-patch-test-suite/${file}`), "utf8")) as JsonPatchCase<Op>[];

/** Every case of tests.json, then of spec_tests.json, each labelled with its file and index there. */
export function loadJsonPatchCorpus<Op = unknown>(): Array<JsonPatchCase<Op> & { label: string }> {
  return ["tests.json", "spec_tests.json"].flatMap((file) => load<Op>(file).map((c, i) => ({ ...c, label: `${file} #${i}` })));
}
