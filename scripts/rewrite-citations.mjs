// Rewrites the citations of upstream rules from the old form, which named documents kept outside this
// repository (`openmetadata-contract.md §3.6`, `wml-contract.md §4.6.2`), to the project's own pages
// (`docs/upstream/openmetadata.md §3.6`, `docs/upstream/wml.md §4.6.2`), which keep the same section
// numbers. Bare citations (`§3.6`) are left as they are: they resolve by folder (see
// test/docs/citations.test.ts). Run from anywhere: `node scripts/rewrite-citations.mjs`; `--check` only
// lists the files that would change and exits 1 when there are any.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const OLD_FORM = /\b(openmetadata|wml)-contract\.md(?=\s*§)/g;

/** The text with every old-form citation rewritten to the project's own page. */
export function rewriteCitations(text) {
  return text.replace(OLD_FORM, "docs/upstream/$1.md");
}

/** The files that may hold citations: sources, tests, benchmarks and docs. */
export const CITING_FOLDERS = ["src", "test", "bench", "docs"];
const CITING_FILE = /\.(ts|mts|mjs|js|md)$/;
const SKIPPED = new Set(["node_modules", "__generated__", "dist"]);

/** Every citing file under `root`, as paths relative to it. */
export function citingFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(path);
      } else if (CITING_FILE.test(entry.name)) {
        files.push(path);
      }
    }
  };
  for (const folder of CITING_FOLDERS) walk(folder);
  return files.sort();
}

function main() {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const check = process.argv.includes("--check");
  let changed = 0;
  let citations = 0;
  for (const file of citingFiles(root)) {
    const text = readFileSync(join(root, file), "utf8");
    const rewritten = rewriteCitations(text);
    if (rewritten === text) continue;
    changed++;
    citations += (text.match(OLD_FORM) ?? []).length;
    if (check) process.stdout.write(`${relative(root, join(root, file))}\n`);
    else writeFileSync(join(root, file), rewritten);
  }
  process.stdout.write(`${check ? "would rewrite" : "rewrote"} ${citations} citations in ${changed} files\n`);
  if (check && changed > 0) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
