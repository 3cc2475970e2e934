/**
 * Polls `check` every 10 ms, at most `limit` times (5 s by default), and fails with `what` when it never
 * holds: a bounded wait for something another process or socket does, with no assertion on time.
 */
export async function until(check: () => boolean | Promise<boolean>, what: string, limit = 500): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}
