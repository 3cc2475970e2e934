import { badInput } from "../errors.js";

/** Every connection's page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

/** The largest `first` or `last` any connection accepts; a full page stays within the cost limit (docs/operations.md). */
export const MAX_PAGE_SIZE = 100;

/** Relay's connection arguments as GraphQL hands them over. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * What a connection is asked for: `size` items after the `cursor` (forward), or the `size` items just
 * before it (backward). `first` with `before` is read as a backward page of `first` items.
 */
export interface PageRequest {
  direction: "forward" | "backward";
  size: number;
  /** The cursor given (`after` or `before`), and which argument it came in. */
  cursor?: { value: string; argument: "after" | "before" };
}

/**
 * Checks Relay's arguments the same way on every connection: `first` and `last` integers from 0 to
 * {@link MAX_PAGE_SIZE}, at most one of them, at most one of `after` and `before`, and `last` only with
 * `before` (the upstreams cannot list from the end). Each refusal names its argument.
 */
export function pageRequestOf(args: ConnectionArgs): PageRequest {
  const hasFirst = args.first !== undefined && args.first !== null;
  const hasLast = args.last !== undefined && args.last !== null;
  if (hasFirst && hasLast) throw badInput("last", "give at most one of first and last");
  if (args.after && args.before) throw badInput("after", "give at most one of after and before");
  const argument = hasLast ? "last" : "first";
  const size = (hasLast ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) throw badInput(argument, `expected an integer from 0 to ${MAX_PAGE_SIZE}, got ${size}`);
  if (hasLast && !args.before) throw badInput("last", "pages backward from a cursor: give before (an edge's cursor or pageInfo.startCursor)");
  if (hasLast && args.after) throw badInput("last", "pages backward: give before, not after");
  if (args.before) return { direction: "backward", size, cursor: { value: args.before, argument: "before" } };
  if (args.after) return { direction: "forward", size, cursor: { value: args.after, argument: "after" } };
  return { direction: "forward", size };
}

/** Encodes a cursor payload as an opaque string (base64url JSON, tagged by what issued it). */
export function encodeOpaqueCursor(tag: string, payload: unknown): string {
  return Buffer.from(JSON.stringify([tag, payload]), "utf8").toString("base64url");
}

/**
 * Decodes a cursor of {@link encodeOpaqueCursor} issued under `tag`, checked by `check`; anything else
 * (another connection's cursor, a hand-made string) is BAD_USER_INPUT naming the argument it came in.
 */
export function decodeOpaqueCursor<T>(cursor: { value: string; argument: string }, tag: string, check: (payload: unknown) => payload is T): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.value, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === tag && check(parsed[1])) return parsed[1];
  throw badInput(cursor.argument, `expected a cursor from this connection's edges or pageInfo, got ${JSON.stringify(cursor.value)}`);
}

/** A count: an integer of 0 or more. */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** Relay's `PageInfo`. */
export interface PageInfoValue {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** One page of any connection as the gateway answers it: the nodes, each edge's cursor, exact `pageInfo`. */
export interface ConnectionResource<T> {
  nodes: T[];
  /** `cursors[i]` is the cursor of `nodes[i]`'s edge. */
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number | null;
}

/** The fields of every `<Type>Connection`: every edge carries a cursor; `pageInfo`'s cursors are the first and last edge's. */
export const connectionFields = {
  edges: <T>(page: ConnectionResource<T>) => page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] })),
  nodes: <T>(page: ConnectionResource<T>) => page.nodes,
  pageInfo: <T>(page: ConnectionResource<T>): PageInfoValue => ({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.cursors[0] ?? null,
    endCursor: page.cursors[page.cursors.length - 1] ?? null,
  }),
  totalCount: <T>(page: ConnectionResource<T>) => page.totalCount,
};

/** The offset an offset cursor under `tag` holds, checked before any upstream call; undefined without a cursor. */
export function offsetOf(request: PageRequest, tag: string): number | undefined {
  return request.cursor ? decodeOpaqueCursor(request.cursor, tag, isCount) : undefined;
}

/**
 * A page of a list the gateway holds whole (`items`, in order), with offset cursors under `tag`: the
 * edge at index `i` has the cursor `i`; after it come `i + 1 …`, before it `… i - 1`. `at` is
 * {@link offsetOf} the request.
 */
export function offsetPage<T>(items: readonly T[], request: PageRequest, at: number | undefined, tag: string): ConnectionResource<T> {
  const end = Math.min(at ?? items.length, items.length);
  const lo = request.direction === "forward" ? Math.min(items.length, at === undefined ? 0 : at + 1) : Math.max(0, end - request.size);
  const hi = request.direction === "forward" ? Math.min(items.length, lo + request.size) : end;
  const nodes = items.slice(lo, hi);
  return {
    nodes,
    cursors: nodes.map((_node, i) => encodeOpaqueCursor(tag, lo + i)),
    hasPreviousPage: lo > 0,
    hasNextPage: hi < items.length,
    totalCount: items.length,
  };
}
