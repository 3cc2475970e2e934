import { BULK_FALLBACK_CONCURRENCY, mapWithConcurrency } from "../../../src/openmetadata/entity/api.js";

test("the bulk fallback runs at most its bound at once and keeps input order", async () => {
  let inFlight = 0;
  let most = 0;
  const items = Array.from({ length: 13 }, (_, i) => i);
  const results = await mapWithConcurrency(items, BULK_FALLBACK_CONCURRENCY, async (item) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
    inFlight -= 1;
    return item * 2;
  });
  expect(results).toEqual(items.map((i) => i * 2));
  expect(most).toBe(BULK_FALLBACK_CONCURRENCY);
});

test("no items, no work", async () => {
  expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
});
