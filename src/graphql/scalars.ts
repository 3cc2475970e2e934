import { GraphQLScalarType, Kind, type ValueNode } from "graphql";

/** `JSON`: any JSON value, in and out (object and list literals included). */
export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value.",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node, variables) => literalValue(node, variables ?? undefined),
});

function literalValue(node: ValueNode, variables: Record<string, unknown> | undefined): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((value) => literalValue(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literalValue(field.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    default:
      return undefined;
  }
}

/** `DateTime`: an ISO-8601 string; epoch milliseconds (OpenMetadata) and ISO strings (WML) are accepted. */
export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  description: "An ISO-8601 date-time string (UTC).",
  serialize: (value) => toIsoDateTime(value),
  parseValue: (value) => toIsoDateTime(value),
  parseLiteral: (node) => (node.kind === Kind.STRING ? toIsoDateTime(node.value) : undefined),
});

/** Converts epoch milliseconds or a date string to ISO-8601; throws on anything else. */
export function toIsoDateTime(value: unknown): string {
  const date = typeof value === "number" ? new Date(value) : typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new TypeError(`expected a date-time, got ${JSON.stringify(value)}`);
  return date.toISOString();
}
