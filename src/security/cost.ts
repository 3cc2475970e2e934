import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { ErrorCode } from "../errors.js";
import { DEFAULT_PAGE_SIZE } from "../graphql/paging.js";

/** The arguments whose value is the size of the list a field returns (or of the page it holds). */
const SIZE_ARGUMENTS = ["first", "last", "limit"] as const;

/**
 * Lists declared small: an entity's references and labels, a change's field lists, the operations of a
 * patch, a WML failure. They hold a handful of items and nest no list that could grow, so they count
 * this size instead of `defaultListSize` (which is meant for lists that grow with the data, such as
 * `versions` or a model's `deployments`).
 */
export const DECLARED_LIST_SIZE = 10;
const DECLARED_SMALL_LISTS: ReadonlySet<string> = new Set([
  "owners",
  "tags",
  "domains",
  "followers",
  "dataProducts",
  "fieldsAdded",
  "fieldsUpdated",
  "fieldsDeleted",
  "patch",
  "failure",
  "problems",
]);

/** What the cost of an operation depends on besides the document. */
export interface CostOptions {
  /** Variables of the request: a `first: $n` counts with the value sent. */
  variables?: Record<string, unknown>;
  /** The size of a list field without a size argument (or with one that was not given and has no default). */
  defaultListSize: number;
  /** Counting stops past this (the answer is then any number above it). */
  stopAbove?: number;
}

/**
 * The size a field's arguments give its list: the size argument (given, else its default; a connection
 * without either gets the common default page size), or for a
 * field answering one item per element of a list argument (`_entities(representations)`,
 * `createOrUpdate…s(inputs)`) that list's length.
 */
function sizeArgument(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): number | undefined {
  let paged = false;
  for (const name of SIZE_ARGUMENTS) {
    const definition = field.args.find((arg) => arg.name === name);
    if (!definition) continue;
    paged ||= name !== "limit";
    const given = node.arguments?.find((arg) => arg.name.value === name);
    const value = given ? valueFromAST(given.value, definition.type, variables) : definition.defaultValue;
    if (typeof value === "number" && Number.isFinite(value)) return Math.max(0, Math.floor(value));
  }
  // A connection asked without `first` or `last` gets the page size every connection applies.
  if (paged) return DEFAULT_PAGE_SIZE;
  if (!isListType(getNullableType(field.type))) return undefined;
  for (const argument of node.arguments ?? []) {
    const definition = field.args.find((arg) => arg.name === argument.name.value);
    if (!definition || !isListType(getNullableType(definition.type))) continue;
    const value = valueFromAST(argument.value, definition.type, variables);
    if (Array.isArray(value)) return value.length;
  }
  return undefined;
}

/**
 * The cost of an operation: every field counts once for each time it would be resolved. A list field
 * multiplies what is selected under it by its size: its `first`/`last`/`limit` argument (as sent, else
 * its default), or for a list under a paged field (a connection's `nodes`, `edges`) that page's size,
 * `DECLARED_LIST_SIZE` for a list declared small (owners, tags …), or `defaultListSize` for any other
 * list nobody bounds. A list in a list multiplies again, so
 * `versions { versions { versions { version } } }` counts 1 + 100 + 100² + 100³ with lists of 100.
 * Introspection fields count nothing.
 */
export function operationCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, options: CostOptions): number {
  const variables = options.variables ?? {};
  const stopAbove = options.stopAbove ?? Number.MAX_SAFE_INTEGER;
  let total = 0;

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, times: number, pageSize: number | undefined): void => {
    for (const selection of selectionSet.selections) {
      if (total > stopAbove) return;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith("__") || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        total += times;
        if (!selection.selectionSet) continue;
        const own = sizeArgument(field, selection, variables);
        const list = isListType(getNullableType(field.type));
        const child = getNamedType(field.type);
        if (!isCompositeType(child)) continue;
        const declared = DECLARED_SMALL_LISTS.has(name) ? DECLARED_LIST_SIZE : undefined;
        const size = list ? (own ?? pageSize ?? declared ?? options.defaultListSize) : 1;
        walk(selection.selectionSet, child, times * size, list ? undefined : own);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        walk(fragment.selectionSet, condition && isCompositeType(condition) ? condition : parent, times, pageSize);
      }
    }
  };

  const root = schema.getRootType(operation.operation);
  if (root) walk(operation.selectionSet, root, 1, undefined);
  return total;
}

/**
 * Refuses an operation whose cost (`operationCost`) is above `maxCost` before it runs: BAD_USER_INPUT,
 * HTTP 400, no upstream call. Called once the operation is resolved, so variables count with their
 * values; through `QueryLimitRules` (limits.ts), over HTTP and over WebSocket alike.
 */
export function checkCost(
  limits: { maxCost: number; defaultListSize: number },
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const cost = operationCost(schema, operation, fragments, { variables, defaultListSize: limits.defaultListSize, stopAbove: limits.maxCost });
  if (cost > limits.maxCost) {
    const found = cost > Number.MAX_SAFE_INTEGER / 2 ? "more" : String(cost);
    throw new GraphQLError(`Query Cost limit of ${limits.maxCost} exceeded, found ${found}.`, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
  }
}
