import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { projectRoot } from "../../src/project-root.js";

/** README.md and every page under docs/. */
function pages(): string[] {
  const found = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(projectRoot, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) found.push(path);
    }
  };
  walk("docs");
  return found;
}

test("every relative link of README.md and docs/ points at a file inside the repository", () => {
  const broken: string[] = [];
  const all = pages();
  expect(all).toEqual(expect.arrayContaining(["docs/upstream/openmetadata.md", "docs/upstream/wml.md"]));
  for (const page of all) {
    const text = readFileSync(join(projectRoot, page), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
      const path = resolve(projectRoot, dirname(page), target.replace(/#.*$/, ""));
      const inside = !relative(projectRoot, path).startsWith("..");
      if (!inside || !existsSync(path)) broken.push(`${page}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
