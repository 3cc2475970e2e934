import { decodeCursor, encodeCursor, nextStartOf } from "../../../src/wml/paging.js";

test("nextStartOf reads start out of a relative next.href that has no version (wml-contract.md §3.3)", () => {
  expect(nextStartOf({ next: { href: "/ml/v4/models?space_id=s&limit=2&start=eyJvZmZzZXQiOjJ9" } })).toBe("eyJvZmZzZXQiOjJ9");
  expect(nextStartOf({ first: { href: "/ml/v4/models?space_id=s&limit=2" } })).toBeUndefined();
  expect(nextStartOf({ next: { href: "/ml/v4/models?space_id=s" } })).toBeUndefined();
});

test("cursors round-trip and refuse what they did not issue", () => {
  expect(decodeCursor(encodeCursor({ kind: "deployments", offset: 4 }), "deployments")).toEqual({ kind: "deployments", offset: 4 });
  expect(decodeCursor(encodeCursor({ kind: "models", start: "abc", skip: 1 }), "models")).toEqual({ kind: "models", start: "abc", skip: 1 });
  expect(decodeCursor(encodeCursor({ kind: "models", start: undefined, skip: 0 }), "models")).toEqual({ kind: "models", start: undefined, skip: 0 });
  expect(() => decodeCursor(encodeCursor({ kind: "models", start: "abc", skip: 1 }), "deployments")).toThrow(/after/);
  expect(() => decodeCursor("not a cursor", "models")).toThrow(/after/);
  expect(() => decodeCursor(Buffer.from(JSON.stringify({ d: -1 })).toString("base64url"), "deployments")).toThrow(/after/);
});
