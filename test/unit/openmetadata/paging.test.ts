import { pageRequestOf } from "../../../src/graphql/paging.js";
import { ML_MODEL_SERVICE } from "../../../src/openmetadata/kinds.js";
import { entityConnectionOf, upstreamWindowOf } from "../../../src/openmetadata/entity/paging.js";
import type { EntityListResource, EntityResource } from "../../../src/openmetadata/entity/resource.js";

// The cursor arithmetic against a model of the upstream (docs/upstream/openmetadata.md §3.1): a page's
// `before` is its first row and `after` its last, `after=X` lists the rows after row X, `before=X` the
// `limit` rows before it; `before` is absent on the first page and `after` on the last.

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `id${i}`, name: `row${String(i).padStart(3, "0")}` }) as unknown as EntityResource);

function upstream(all: EntityResource[], params: { after?: string; before?: string; limit: number }): EntityListResource {
  const at = (cursor: string) => all.findIndex((row) => row.name === cursor);
  const lo = params.after ? at(params.after) + 1 : params.before ? Math.max(0, at(params.before) - params.limit) : 0;
  const hi = params.before ? at(params.before) : Math.min(all.length, lo + params.limit);
  const data = all.slice(lo, Math.min(hi, lo + params.limit));
  return {
    data,
    paging: {
      total: all.length,
      ...(data.length && lo > 0 ? { before: data[0].name } : {}),
      ...(data.length && lo + data.length < all.length ? { after: data[data.length - 1].name } : {}),
    },
  };
}

function read(all: EntityResource[], args: Record<string, unknown>) {
  const window = upstreamWindowOf(ML_MODEL_SERVICE, pageRequestOf(args));
  return { window, page: entityConnectionOf(ML_MODEL_SERVICE, window, upstream(all, window)) };
}

test.each([
  [0, 3],
  [1, 1],
  [7, 3],
  [10, 5],
  [23, 4],
])("%i rows in pages of %i: from every edge, both ways, the right rows and exact pageInfo", (n, size) => {
  const all = rows(n);
  const names = all.map((row) => row.name);
  const cursors: string[] = [];
  let page = read(all, { first: size }).page;
  for (;;) {
    cursors.push(...page.cursors);
    if (!page.hasNextPage) break;
    page = read(all, { first: size, after: page.cursors.at(-1) }).page;
  }
  expect(cursors).toHaveLength(n);
  for (let i = 0; i < n; i++) {
    for (const k of [0, 1, size, size + 2]) {
      const next = read(all, { first: k, after: cursors[i] }).page;
      expect(next.nodes.map((row) => row.name)).toEqual(names.slice(i + 1, i + 1 + k));
      expect([next.hasPreviousPage, next.hasNextPage]).toEqual([true, i + 1 + k < n]);
      const previous = read(all, { last: k, before: cursors[i] }).page;
      expect(previous.nodes.map((row) => row.name)).toEqual(names.slice(Math.max(0, i - k), i));
      expect([previous.hasPreviousPage, previous.hasNextPage]).toEqual([i - k > 0, true]);
      // The cursors of a page read from a cursor lead on again.
      if (next.nodes.length) expect(read(all, { first: 1, after: next.cursors.at(-1) }).page.nodes.map((r) => r.name)).toEqual(names.slice(i + 1 + next.nodes.length, i + 2 + next.nodes.length));
      if (previous.nodes.length) expect(read(all, { last: 1, before: previous.cursors[0] }).page.nodes.map((r) => r.name)).toEqual(names.slice(Math.max(0, i - previous.nodes.length - 1), i - previous.nodes.length));
    }
  }
});

test("a cursor of another collection is refused naming its argument", () => {
  const cursor = read(rows(5), { first: 2 }).page.cursors[0];
  const other = Buffer.from(JSON.stringify(["om:pipelines", JSON.parse(Buffer.from(cursor, "base64url").toString())[1]])).toString("base64url");
  expect(() => read(rows(5), { after: other })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: "after" }) }));
  expect(() => read(rows(5), { last: 1, before: "e30" })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: "before" }) }));
});
