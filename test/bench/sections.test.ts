import { carrySection, replaceSection } from "../../bench/sections.js";

const REPORT = "# Benchmark results\n\nintro\n\n## Targets\n\nt\n\n## Memory\n\nm\n";

test("a section is added at the end, then replaced in place, the rest kept", () => {
  const added = replaceSection(REPORT, "Subscriptions", "first");
  expect(added).toBe(`${REPORT}\n## Subscriptions\n\nfirst\n`);
  const replaced = replaceSection(added, "Subscriptions", "second");
  expect(replaced).toBe(`${REPORT}\n## Subscriptions\n\nsecond\n`);
  const middle = replaceSection(REPORT, "Targets", "new targets");
  expect(middle).toBe("# Benchmark results\n\nintro\n\n## Targets\n\nnew targets\n\n## Memory\n\nm\n");
});

test("a rewritten report carries the old file's section over, and nothing when there was none", () => {
  const old = replaceSection(REPORT, "Subscriptions", "figures");
  const fresh = "# Benchmark results\n\nnew\n";
  expect(carrySection(old, fresh, "Subscriptions")).toBe(`${fresh}\n## Subscriptions\n\nfigures\n`);
  expect(carrySection(REPORT, fresh, "Subscriptions")).toBe(fresh);
});
