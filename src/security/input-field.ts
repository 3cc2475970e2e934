import { GraphQLError, Kind, parse, visit, type ASTNode, type DocumentNode, type GraphQLFormattedError, type ValueNode } from "graphql";

/** Where each argument, input field and list item of a document starts, and where each variable is used. */
interface InputPositions {
  /** Source offset of a node → its input path (`input.tags[0].tagFQN`). */
  byOffset: Map<number, string>;
  /** Variable name → the input paths where it is used. */
  variableUses: Map<string, string[]>;
}

function collectPositions(document: DocumentNode): InputPositions {
  const byOffset = new Map<number, string>();
  const variableUses = new Map<string, string[]>();
  const mark = (node: ASTNode, path: string) => {
    if (node.loc && !byOffset.has(node.loc.start)) byOffset.set(node.loc.start, path);
  };
  const walk = (value: ValueNode, path: string) => {
    mark(value, path);
    if (value.kind === Kind.VARIABLE) variableUses.set(value.name.value, [...(variableUses.get(value.name.value) ?? []), path]);
    if (value.kind === Kind.LIST) value.values.forEach((item, index) => walk(item, `${path}[${index}]`));
    if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) {
        mark(field, `${path}.${field.name.value}`);
        walk(field.value, `${path}.${field.name.value}`);
      }
    }
  };
  visit(document, {
    Argument(argument) {
      mark(argument, argument.name.value);
      walk(argument.value, argument.name.value);
    },
  });
  return { byOffset, variableUses };
}

/** The source offset of a 1-based line and column. */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = source.indexOf("\n", offset) + 1;
  return offset + column - 1;
}

const VARIABLE = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"(?: got invalid value .*? at "([^"]+)";)?/s;
const ARGUMENT = /\bargument "([^"]+)" of type "[^"]+" is required|^Unknown argument "([^"]+)"/;
const MISSING_INPUT_FIELD = /^Field "[^"]*\.([_A-Za-z][_0-9A-Za-z]*)" of required type "[^"]+" was not provided/;
/** The input field a variable's coercion error is about, below the path it names. */
const VARIABLE_FIELD = /; Field "([_A-Za-z][_0-9A-Za-z]*)" (?:of required type "[^"]+" was not provided|is not defined by type)/;

/**
 * The argument or input path a request-level `BAD_USER_INPUT` is about, in the form resolvers use for
 * `extensions.field` (`input.tags[0].tagFQN`), or undefined when it is about no input (a syntax error, a
 * limit). A variable's error names the argument position the variable is used in (`input` for
 * `input: $in`) when it is used exactly once, the variable's own path otherwise; a literal's error is
 * found from its location in the document.
 */
function inputFieldOf(error: GraphQLFormattedError, source: string | undefined): string | undefined {
  const argument = ARGUMENT.exec(error.message);
  if (argument) return argument[1] ?? argument[2];
  let positions: InputPositions | undefined;
  try {
    positions = source === undefined ? undefined : collectPositions(parse(source));
  } catch {
    positions = undefined;
  }
  const variable = VARIABLE.exec(error.message);
  if (variable) {
    const [, name, at] = variable;
    const field = VARIABLE_FIELD.exec(error.message)?.[1];
    const rest = `${at?.startsWith(name) ? at.slice(name.length) : ""}${field ? `.${field}` : ""}`;
    const uses = positions?.variableUses.get(name) ?? [];
    return uses.length === 1 ? `${uses[0]}${rest}` : `${name}${rest}`;
  }
  if (!positions || source === undefined) return undefined;
  const location = error.locations?.[0];
  if (!location) return undefined;
  const path = positions.byOffset.get(offsetOf(source, location.line, location.column));
  if (path === undefined) return undefined;
  const missing = MISSING_INPUT_FIELD.exec(error.message);
  return missing ? `${path}.${missing[1]}` : path;
}

/** Apollo's refusals of a request body's members (before any parsing), by the member they name. */
const BODY_MEMBER = /^`(variables|extensions|operationName)` in a POST body|^GraphQL queries must be strings|^GraphQL operations must contain a non-empty `query`/;

/** The request-body member an HTTP-level refusal is about (`query`, `variables`, …). */
function bodyMemberOf(message: string): string | undefined {
  const match = BODY_MEMBER.exec(message);
  if (!match) return undefined;
  return match[1] ?? "query";
}

/** The query text a GraphQL error was raised on, when it carries it. */
function sourceOf(error: unknown): string | undefined {
  return error instanceof GraphQLError ? error.source?.body : undefined;
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Wraps Apollo Server's `formatError` so that the errors raised before any resolver runs name the
 * argument or input path at fault in `extensions.field`, as resolvers do for the errors they raise: a
 * variable or literal of the wrong type, a missing required argument or input field, an unknown
 * argument or input field (`input.tags[0].tagFQN`), and a request body whose `query`, `variables`,
 * `operationName` or `extensions` is malformed. Errors about no input (a syntax error, an unknown output
 * field, a limit) and errors that already name a field are left as they are. Only errors pay.
 */
export function withInputField(format: FormatError): FormatError {
  return (formatted, error) => {
    const result = format(formatted, error);
    const code = result.extensions?.code;
    if ((code !== "BAD_USER_INPUT" && code !== "BAD_REQUEST") || result.extensions?.field !== undefined) return result;
    const field = bodyMemberOf(result.message) ?? inputFieldOf(result, sourceOf(error));
    return field === undefined ? result : { ...result, extensions: { ...result.extensions, field } };
  };
}
