import { ErrorCode, GatewayError } from "../errors.js";
import { offsetOf, offsetPage, pageRequestOf, type ConnectionArgs, type ConnectionResource } from "../graphql/paging.js";
import type { WmlCollectionResource } from "./resource.js";

/** The largest `limit` WML accepts on a collection (docs/upstream/wml.md §3.3). */
export const MAX_UPSTREAM_LIMIT = 200;

/**
 * The `start` token of a collection's next page, read out of `next.href`; undefined on the last page.
 * The href itself is never replayed: it omits `version` (docs/upstream/wml.md §3.3, §9 item 1).
 */
export function nextStartOf(collection: WmlCollectionResource<unknown>): string | undefined {
  const href = collection.next?.href;
  if (!href) return undefined;
  const start = new URL(href, "http://wml.invalid").searchParams.get("start");
  return start === null || start === "" ? undefined : start;
}

/** The most service pages read for one list before giving up ({@link MAX_UPSTREAM_LIMIT} items each). */
const MAX_LIST_PAGES = 50;

/**
 * Every item of a collection, following `next` by its `start` token with the gateway's own parameters
 * (never replaying the href, which has no `version`; docs/upstream/wml.md §3.3, §9 item 1), at most
 * {@link MAX_UPSTREAM_LIMIT} per call. The gateway pages the whole list itself (offset cursors,
 * src/graphql/paging.ts), so both directions are exact; a list of up to 200 items costs one call.
 */
export async function readAllPages<T>(what: string, read: (params: { limit: number; start?: string }) => Promise<WmlCollectionResource<T>>): Promise<T[]> {
  const items: T[] = [];
  let start: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const answer = await read({ limit: MAX_UPSTREAM_LIMIT, start });
    items.push(...(answer.resources ?? []));
    start = nextStartOf(answer);
    if (start === undefined || (answer.resources ?? []).length === 0) return items;
  }
  // The upstream answered every page: the list is longer than the gateway reads for one field, which the
  // caller can narrow (as the cost limit, this is the request's to change).
  throw new GatewayError(ErrorCode.BAD_USER_INPUT, `WML lists more than ${MAX_LIST_PAGES * MAX_UPSTREAM_LIMIT} ${what} here, more than the gateway reads for one list; narrow the filters`);
}

/**
 * One Relay page of a WML list the gateway reads whole: the arguments and the cursor (an offset under
 * `tag`) are checked before `readAll` runs, so a bad one costs no upstream call.
 */
export async function wmlPage<T>(args: ConnectionArgs, tag: string, readAll: () => Promise<T[]>): Promise<ConnectionResource<T>> {
  const request = pageRequestOf(args);
  const at = offsetOf(request, tag);
  return offsetPage(await readAll(), request, at, tag);
}
