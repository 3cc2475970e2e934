import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, encodeOpaqueCursor, offsetOf, offsetPage, pageRequestOf } from "../../src/graphql/paging.js";

const field = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { field?: string } }).extensions?.field;
  }
  return undefined;
};

test("Relay arguments: defaults, bounds, and each refusal naming its argument", () => {
  expect(pageRequestOf({})).toEqual({ direction: "forward", size: DEFAULT_PAGE_SIZE });
  expect(pageRequestOf({ first: MAX_PAGE_SIZE, after: "c" })).toEqual({ direction: "forward", size: MAX_PAGE_SIZE, cursor: { value: "c", argument: "after" } });
  expect(pageRequestOf({ last: 3, before: "c" })).toEqual({ direction: "backward", size: 3, cursor: { value: "c", argument: "before" } });
  expect(pageRequestOf({ first: 3, before: "c" })).toEqual({ direction: "backward", size: 3, cursor: { value: "c", argument: "before" } });
  expect(field(() => pageRequestOf({ first: MAX_PAGE_SIZE + 1 }))).toBe("first");
  expect(field(() => pageRequestOf({ last: -1, before: "c" }))).toBe("last");
  expect(field(() => pageRequestOf({ first: 1, last: 1, before: "c" }))).toBe("last");
  expect(field(() => pageRequestOf({ last: 1 }))).toBe("last");
  expect(field(() => pageRequestOf({ last: 1, after: "c" }))).toBe("last");
  expect(field(() => pageRequestOf({ after: "a", before: "b" }))).toBe("after");
});

test("offset pages: exact pageInfo both ways; a cursor of another tag or a made-up one names its argument", () => {
  const items = ["a", "b", "c", "d", "e"];
  const first = offsetPage(items, pageRequestOf({ first: 2 }), undefined, "t");
  expect(first).toMatchObject({ nodes: ["a", "b"], hasPreviousPage: false, hasNextPage: true, totalCount: 5 });
  const request = pageRequestOf({ first: 2, after: first.cursors[1] });
  const second = offsetPage(items, request, offsetOf(request, "t"), "t");
  expect(second).toMatchObject({ nodes: ["c", "d"], hasPreviousPage: true, hasNextPage: true });
  const backRequest = pageRequestOf({ last: 5, before: second.cursors[1] });
  expect(offsetPage(items, backRequest, offsetOf(backRequest, "t"), "t")).toMatchObject({ nodes: ["a", "b", "c"], hasPreviousPage: false, hasNextPage: true });
  expect(field(() => offsetOf(pageRequestOf({ after: encodeOpaqueCursor("other", 1) }), "t"))).toBe("after");
  expect(field(() => offsetOf(pageRequestOf({ last: 1, before: "not a cursor" }), "t"))).toBe("before");
  expect(field(() => offsetOf(pageRequestOf({ after: encodeOpaqueCursor("t", -1) }), "t"))).toBe("after");
});
