import { nextStartOf } from "../../../src/wml/paging.js";

test("nextStartOf reads start out of a relative next.href that has no version (docs/upstream/wml.md §3.3)", () => {
  expect(nextStartOf({ next: { href: "/ml/v4/models?space_id=s&limit=2&start=eyJvZmZzZXQiOjJ9" } })).toBe("eyJvZmZzZXQiOjJ9");
  expect(nextStartOf({ first: { href: "/ml/v4/models?space_id=s&limit=2" } })).toBeUndefined();
  expect(nextStartOf({ next: { href: "/ml/v4/models?space_id=s" } })).toBeUndefined();
});
