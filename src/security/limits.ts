import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ParseOptions, type ValidationContext, type ValidationRule } from "graphql";
import type { QueryLimits } from "../config.js";
import { checkCost } from "./cost.js";
import { checkJsonLimits } from "./json-limits.js";

/** What Apollo Server needs to enforce the query limits: parse options, validation rules and plugins. */
export interface QueryLimitRules {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  /** The limits that need the request's variables: cost (cost.ts) and JSON values (json-limits.ts). */
  plugins: ApolloServerPlugin[];
  /**
   * The same two checks for a resolved operation that does not go through Apollo Server (an operation
   * over WebSocket); throws the GraphQLError the plugins would.
   */
  checkOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): void;
}

/**
 * The limits on one document, built once per server. Tokens are counted by graphql-js's own parser
 * (`maxTokens`, no second parse); depth, aliases and directives by graphql-armor's validation rules,
 * which report `BAD_USER_INPUT` with the limit they hit; both run only for a document Apollo has not
 * parsed and validated before, so a repeated operation pays nothing. Cost (lists counted with their
 * size, nested lists multiplied) and JSON values are checked for every operation with its variables,
 * before it runs. Introspection is not counted (it is switched off as a whole in production instead).
 */
export function createQueryLimits(limits: QueryLimits): QueryLimitRules {
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { enabled: false },
  }).protect();
  // An operation without variables is judged by its document alone (the schema is the server's), and
  // Apollo Server hands a repeated document over as the same parsed object: a pass is remembered.
  const passed = new WeakSet<OperationDefinitionNode>();
  const checkOperation: QueryLimitRules["checkOperation"] = (schema, document, operation, variables) => {
    if (passed.has(operation)) return;
    checkCost(limits, schema, document, operation, variables);
    checkJsonLimits(limits, schema, document, operation, variables);
    if (!operation.variableDefinitions?.length) passed.add(operation);
  };
  const listener: GraphQLRequestListener<never> = {
    async didResolveOperation({ document, operation, schema, request }) {
      if (operation) checkOperation(schema, document, operation, request.variables);
    },
  };
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules.map(plainMessages),
    plugins: [{ requestDidStart: async () => listener }],
    checkOperation,
  };
}

/**
 * graphql-armor words its rejections as "Syntax Error: Query depth limit of 12 exceeded, found 32.";
 * the document is not syntactically wrong, so the prefix goes and the rest is kept.
 */
function plainMessages(rule: ValidationRule): ValidationRule {
  return (context: ValidationContext) => {
    const reporting = Object.create(context, {
      reportError: {
        value: (error: GraphQLError) =>
          context.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { nodes: error.nodes, extensions: error.extensions })),
      },
    }) as ValidationContext;
    return rule(reporting);
  };
}
