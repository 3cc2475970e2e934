import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/project-root.js";
import type { Stack } from "../helpers/stack.js";
import { patchBodies, startWmlStack } from "../helpers/wml-stack.js";

/** The walkthrough's requests and answers, in order: each ```graphql block and the ```json block after it. */
function walkthrough(): Array<{ query: string; expected: Record<string, unknown> }> {
  const doc = readFileSync(join(projectRoot, "docs", "wml.md"), "utf8");
  const section = doc.slice(doc.indexOf("## Walkthrough"));
  const blocks = [...section.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));
  const steps: Array<{ query: string; expected: Record<string, unknown> }> = [];
  for (let i = 0; i < blocks.length; i += 2) {
    if (blocks[i].lang !== "graphql" || blocks[i + 1]?.lang !== "json") throw new Error(`docs/wml.md walkthrough: block ${i} should be graphql followed by json`);
    steps.push({ query: blocks[i].text, expected: JSON.parse(blocks[i + 1].text) as Record<string, unknown> });
  }
  return steps;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startWmlStack();
});
afterAll(() => stack.close());

test("docs/wml.md: the walkthrough's requests get the answers it shows, in order", async () => {
  const steps = walkthrough();
  expect(steps.length).toBeGreaterThanOrEqual(5);
  for (const [index, step] of steps.entries()) {
    stack.catalog.resetRequests();
    const answer = await stack.query(step.query);
    const got = { data: answer.data, ...(answer.errors && { errors: answer.errors }) };
    expect({ step: index, ...got }).toMatchObject({ step: index, ...step.expected });
    if (!step.expected.errors) expect(answer.errors).toBeUndefined();
  }
  // The last, refused, replacement sent nothing.
  expect(patchBodies(stack)).toEqual([]);
});
