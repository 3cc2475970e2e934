import {
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import { ErrorCode } from "../errors.js";
import { isPlainObject } from "../plain-object.js";

/** How deep and how large one `JSON` argument value may be. */
export interface JsonValueLimits {
  /** Levels of objects and lists (a scalar alone is depth 0). */
  maxJsonDepth: number;
  /** Values in all (every object, list, string, number, boolean and null counts one). */
  maxJsonValues: number;
}

const JSON_SCALAR = "JSON";

/** Why a JSON value breaks a limit, or undefined when it keeps both. */
type Verdict = string | undefined;

/**
 * Measures a JSON value (from variables) against the limits, stopping at the first level or value past
 * them: the walk is never deeper than `maxJsonDepth + 1`, whatever arrives.
 */
function measureValue(value: unknown, limits: JsonValueLimits): Verdict {
  let count = 0;
  const walk = (item: unknown, depth: number): Verdict => {
    if (++count > limits.maxJsonValues) return `a JSON value may hold at most ${limits.maxJsonValues} values`;
    if (item === null || typeof item !== "object") return undefined;
    if (depth >= limits.maxJsonDepth) return `a JSON value may nest at most ${limits.maxJsonDepth} levels`;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      const verdict = walk(child, depth + 1);
      if (verdict) return verdict;
    }
    return undefined;
  };
  return walk(value, 0);
}

/** The same measure for a JSON literal in the document (variables inside it are measured as values). */
function measureLiteral(node: ValueNode, limits: JsonValueLimits, variables: Record<string, unknown>): Verdict {
  let count = 0;
  const walk = (item: ValueNode, depth: number): Verdict => {
    if (item.kind === Kind.VARIABLE) return measureValue(variables[item.name.value], { ...limits, maxJsonDepth: limits.maxJsonDepth - depth });
    if (++count > limits.maxJsonValues) return `a JSON value may hold at most ${limits.maxJsonValues} values`;
    if (item.kind !== Kind.LIST && item.kind !== Kind.OBJECT) return undefined;
    if (depth >= limits.maxJsonDepth) return `a JSON value may nest at most ${limits.maxJsonDepth} levels`;
    const children = item.kind === Kind.LIST ? item.values : item.fields.map((field) => field.value);
    for (const child of children) {
      const verdict = walk(child, depth + 1);
      if (verdict) return verdict;
    }
    return undefined;
  };
  return walk(node, 0);
}

/**
 * Finds the first JSON value past the limits in an argument, following its input type through input
 * objects and lists, literal or variable; returns the path of the offending field (`input.custom`) and
 * the reason.
 */
function checkArgument(type: GraphQLInputType, node: ValueNode, path: string, limits: JsonValueLimits, variables: Record<string, unknown>): [string, string] | undefined {
  if (node.kind === Kind.VARIABLE) return checkValue(type, variables[node.name.value], path, limits);
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (node.kind !== Kind.LIST) return checkArgument(inner.ofType, node, path, limits, variables);
    for (const [i, item] of node.values.entries()) {
      const found = checkArgument(inner.ofType, item, `${path}[${i}]`, limits, variables);
      if (found) return found;
    }
    return undefined;
  }
  if (isInputObjectType(inner)) {
    if (node.kind !== Kind.OBJECT) return undefined;
    const fields = inner.getFields();
    for (const field of node.fields) {
      const def = fields[field.name.value];
      const found = def && checkArgument(def.type, field.value, `${path}.${field.name.value}`, limits, variables);
      if (found) return found;
    }
    return undefined;
  }
  if (getNamedType(inner).name !== JSON_SCALAR) return undefined;
  const verdict = measureLiteral(node, limits, variables);
  return verdict ? [path, verdict] : undefined;
}

/** `checkArgument` for a value that came in the variables. */
function checkValue(type: GraphQLInputType, value: unknown, path: string, limits: JsonValueLimits): [string, string] | undefined {
  if (value === undefined || value === null) return undefined;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return checkValue(inner.ofType, value, path, limits);
    for (const [i, item] of value.entries()) {
      const found = checkValue(inner.ofType, item, `${path}[${i}]`, limits);
      if (found) return found;
    }
    return undefined;
  }
  if (isInputObjectType(inner)) {
    if (!isPlainObject(value)) return undefined;
    for (const [name, def] of Object.entries(inner.getFields())) {
      const found = checkValue(def.type, value[name], `${path}.${name}`, limits);
      if (found) return found;
    }
    return undefined;
  }
  if (getNamedType(inner).name !== JSON_SCALAR) return undefined;
  const verdict = measureValue(value, limits);
  return verdict ? [path, verdict] : undefined;
}

/**
 * Refuses an operation whose `JSON` argument values (in the document or in the variables, at any
 * depth of input objects and lists) nest deeper or hold more values than the limits, before it runs:
 * `BAD_USER_INPUT` naming the argument (`extensions.field`, e.g. `input.connection`), HTTP 400, no
 * upstream call. The gateway's own walks over JSON values (validation, patch building, serialization)
 * then never meet a value they cannot handle.
 */
export function checkJsonLimits(
  limits: JsonValueLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode | null | undefined,
  variables: Record<string, unknown> = {},
): void {
  const typeInfo = new TypeInfo(schema);
  let found: [string, string] | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!found && argument) found = checkArgument(argument.type, node.value, node.name.value, limits, variables);
        return false;
      },
    }),
  );
  if (found) {
    const [field, reason] = found;
    throw new GraphQLError(`${field}: ${reason}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 400 } } });
  }
}
