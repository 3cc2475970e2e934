import { GatewayError } from "../../../src/errors.js";
import { MAX_UPSTREAM_LIMIT, nextStartOf, readAllPages } from "../../../src/wml/paging.js";
import { rejection } from "../../helpers/rejection.js";

test("nextStartOf reads start out of a relative next.href that has no version (docs/upstream/wml.md §3.3)", () => {
  expect(nextStartOf({ next: { href: "/ml/v4/models?space_id=s&limit=2&start=eyJvZmZzZXQiOjJ9" } })).toBe("eyJvZmZzZXQiOjJ9");
  expect(nextStartOf({ first: { href: "/ml/v4/models?space_id=s&limit=2" } })).toBeUndefined();
  expect(nextStartOf({ next: { href: "/ml/v4/models?space_id=s" } })).toBeUndefined();
});

test("readAllPages follows start tokens with its own limit, and stops at the last page", async () => {
  const asked: Array<{ limit: number; start?: string }> = [];
  const items = await readAllPages("models", async (params) => {
    asked.push(params);
    const page = asked.length;
    return { resources: [page], ...(page < 3 && { next: { href: `/ml/v4/models?limit=200&start=t${page}` } }) };
  });
  expect(items).toEqual([1, 2, 3]);
  expect(asked).toEqual([{ limit: MAX_UPSTREAM_LIMIT, start: undefined }, { limit: MAX_UPSTREAM_LIMIT, start: "t1" }, { limit: MAX_UPSTREAM_LIMIT, start: "t2" }]);
});

test("a list longer than the gateway reads is the caller's to narrow (BAD_USER_INPUT), not the upstream's fault", async () => {
  let calls = 0;
  const error = await rejection(
    readAllPages("deployments", async () => {
      calls++;
      return { resources: [calls], next: { href: `/ml/v4/deployments?start=t${calls}` } };
    }),
    GatewayError,
  );
  expect(error.code).toBe("BAD_USER_INPUT");
  expect(error.message).toMatch(/more than 10000 deployments.*narrow the filters/);
  expect(calls).toBe(50);
});
