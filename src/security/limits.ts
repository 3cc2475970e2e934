import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from "graphql";
import type { QueryLimits } from "../config.js";

/** What Apollo Server needs to enforce the query limits: parse options and validation rules. */
export interface QueryLimitRules {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
}

/**
 * The limits on one document, built once per server. Tokens are counted by graphql-js's own parser
 * (`maxTokens`, no second parse); depth, aliases, directives and cost by graphql-armor's validation
 * rules, which report `BAD_USER_INPUT` with the limit they hit. Both run only for a document Apollo has
 * not parsed and validated before, so a repeated operation pays nothing. Introspection is not counted
 * (it is switched off as a whole in production instead).
 */
export function createQueryLimits(limits: QueryLimits): QueryLimitRules {
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
  }).protect();
  return { parseOptions: { maxTokens: limits.maxTokens }, validationRules: armor.validationRules.map(plainMessages) };
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
