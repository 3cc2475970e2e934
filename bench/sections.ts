/**
 * RESULTS.md holds the main harness's report and sections written by other benchmark scripts: each
 * script replaces its own `## <title>` section (up to the next `## ` heading) and leaves the rest.
 */

function find(text: string, title: string): { start: number; end: number } | undefined {
  const start = text.search(new RegExp(`^## ${title}$`, "m"));
  if (start < 0) return undefined;
  const next = text.slice(start + 3).search(/^## /m);
  return { start, end: next < 0 ? text.length : start + 3 + next };
}

/** `text` with its `## <title>` section's body replaced by `body`, or the section added at the end. */
export function replaceSection(text: string, title: string, body: string): string {
  const section = `## ${title}\n\n${body.trim()}\n`;
  const at = find(text, title);
  if (!at) return `${text.trimEnd()}\n\n${section}`;
  const rest = text.slice(at.end);
  return `${text.slice(0, at.start)}${section}${rest ? `\n${rest}` : ""}`;
}

/** `into` with the `## <title>` section of `from` carried over, when `from` has one. */
export function carrySection(from: string, into: string, title: string): string {
  const at = find(from, title);
  if (!at) return into;
  return replaceSection(into, title, from.slice(at.start, at.end).replace(/^## .*\n/, ""));
}
