import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/project-root.js";
import { citingFiles, rewriteCitations } from "../../scripts/rewrite-citations.mjs";

/**
 * Every citation of an upstream rule in src/, test/, bench/ and docs/ names a section that exists in
 * the project's own page for that upstream (docs/upstream/openmetadata.md, docs/upstream/wml.md).
 *
 * How a citation is read, on one line at a time:
 * - `docs/upstream/<name>.md §N` (or `upstream/<name>.md §N` in a page of docs/) names its page;
 * - `<name>-contract.md §N`, the form used before the pages existed, names the same page (until
 *   scripts/rewrite-citations.mjs has rewritten it);
 * - a bare `§N` (also "contract §N", "per §N", "§N, §M" lists) belongs to the page named last on the
 *   same line; with none on the line, to the page of the file's folder: WML for files under a `wml`
 *   folder or named `wml…` (src/wml, src/local-catalog/wml, test/unit/wml, test/integration/wml-*.ts,
 *   docs/wml.md), OpenMetadata for every other file, since the rest of the project is about it;
 * - a section of any other document (`RFC 9110 §…`, `<other>.md §…`) is not checked.
 * A section is cited by its number after `§`; text after the number ("item …") is not read.
 */

type Upstream = "openmetadata" | "wml";
const PAGES: Record<Upstream, string> = { openmetadata: "docs/upstream/openmetadata.md", wml: "docs/upstream/wml.md" };

/** One section reference: a page (named or implied), a number, or another document's section (skipped). */
const CITATION = /(?:\b(?:docs\/)?upstream\/(openmetadata|wml)\.md|\b(openmetadata|wml)-contract\.md|(\bRFC\s*\d+|[\w./-]+\.md))?\s*§\s?(\d+(?:\.\d+)*)/g;

interface Citation {
  file: string;
  line: number;
  upstream: Upstream;
  section: string;
}

/** The page a bare citation belongs to when no page is named on its line. */
function upstreamOfFolder(file: string): Upstream {
  return /(^|\/)wml/.test(file) ? "wml" : "openmetadata";
}

/** The citations of one file's text. */
function citationsIn(file: string, text: string): Citation[] {
  const found: Citation[] = [];
  text.split("\n").forEach((content, index) => {
    let named: Upstream | undefined;
    for (const match of content.matchAll(CITATION)) {
      const [, page, oldForm, other, section] = match;
      if (other) {
        named = undefined;
        continue;
      }
      const explicit = (page ?? oldForm) as Upstream | undefined;
      if (explicit) named = explicit;
      found.push({ file, line: index + 1, upstream: explicit ?? named ?? upstreamOfFolder(file), section });
    }
  });
  return found;
}

/** The section numbers a page has: headings `## 3. Endpoints`, `### 3.6 PATCH …`, `#### 4.6.2 …`. */
function sectionsOf(upstream: Upstream): Set<string> {
  const text = readFileSync(join(projectRoot, PAGES[upstream]), "utf8");
  return new Set([...text.matchAll(/^#{2,6} (\d+(?:\.\d+)*)\.? /gm)].map((match) => match[1]));
}

/** An old-form page name, spelt so that the rewrite script leaves this file's examples as they are. */
const old = (upstream: Upstream) => `${upstream}-contract.md`;

/** This file's examples are not citations. */
const THIS_FILE = "test/docs/citations.test.ts";

const files = citingFiles(projectRoot).filter((file) => file !== THIS_FILE).map((file) => ({ file, text: readFileSync(join(projectRoot, file), "utf8") }));
const citations = files.flatMap(({ file, text }) => citationsIn(file, text));
const sections: Record<Upstream, Set<string>> = { openmetadata: sectionsOf("openmetadata"), wml: sectionsOf("wml") };

test("the reader finds the project's citations of both upstreams", () => {
  expect(citations.length).toBeGreaterThan(400);
  expect(citations.some((c) => c.upstream === "openmetadata")).toBe(true);
  expect(citations.some((c) => c.upstream === "wml")).toBe(true);
});

test("every cited section exists in the cited page", () => {
  const missing = citations.filter((c) => !sections[c.upstream].has(c.section)).map((c) => `${c.file}:${c.line} cites ${PAGES[c.upstream]} §${c.section}`);
  expect(missing).toEqual([]);
});

test("the reading rules, on examples", () => {
  expect(citationsIn("src/openmetadata/x.ts", `a (${old("wml")} §4.6.1, §9 item 15) then §3 and RFC 6902 §4; docs/upstream/openmetadata.md §6.2, §5.2.`)).toEqual([
    { file: "src/openmetadata/x.ts", line: 1, upstream: "wml", section: "4.6.1" },
    { file: "src/openmetadata/x.ts", line: 1, upstream: "wml", section: "9" },
    { file: "src/openmetadata/x.ts", line: 1, upstream: "wml", section: "3" },
    { file: "src/openmetadata/x.ts", line: 1, upstream: "openmetadata", section: "6.2" },
    { file: "src/openmetadata/x.ts", line: 1, upstream: "openmetadata", section: "5.2" },
  ]);
  expect(citationsIn("test/integration/wml-auth.test.ts", "see §2").map((c) => c.upstream)).toEqual(["wml"]);
  expect(citationsIn("src/local-catalog/wml/guard.ts", "see §9").map((c) => c.upstream)).toEqual(["wml"]);
  expect(citationsIn("src/local-catalog/openmetadata/etag.ts", "see §6.1").map((c) => c.upstream)).toEqual(["openmetadata"]);
  expect(citationsIn("docs/operations.md", "STYLE.md §2 and upstream/wml.md §1.2").map((c) => c.upstream)).toEqual(["wml"]);
});

test("scripts/rewrite-citations.mjs turns the old form into the new one without changing what any citation means", () => {
  expect(rewriteCitations(`(${old("openmetadata")} §3.6, ${old("wml")} §4.6.2; §9)`)).toBe("(docs/upstream/openmetadata.md §3.6, docs/upstream/wml.md §4.6.2; §9)");
  expect(rewriteCitations(`see ${old("wml")} for the rest`)).toBe(`see ${old("wml")} for the rest`);
  for (const { file, text } of files) {
    const strip = (list: Citation[]) => list.map(({ line, upstream, section }) => ({ line, upstream, section }));
    expect({ file, citations: strip(citationsIn(file, rewriteCitations(text))) }).toEqual({ file, citations: strip(citationsIn(file, text)) });
  }
});
