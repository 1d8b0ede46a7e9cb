import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";

/** The limits every operation meets before it runs, on HTTP and graphql-ws alike. */
export interface OperationLimits {
  /** Selection depth. */
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Lexical tokens of the document (parsing stops past it). */
  readonly maxTokens: number;
  /** Estimated cost: 1 per field, lists multiplied by their page size. */
  readonly maxCost: number;
  readonly introspection: boolean;
}

export const DEFAULT_LIMITS: Omit<OperationLimits, "introspection"> = {
  maxDepth: 12,
  maxAliases: 20,
  maxDirectives: 20,
  maxTokens: 3000,
  maxCost: 20_000,
};

/** Page sizes count as multipliers: `orders(first: 100) { items { … } }` costs 100 × the items. */
const listEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first: unknown = args["first"];
  if (typeof first === "number" && Number.isFinite(first))
    return 1 + Math.max(1, Math.min(first, 100)) * childComplexity;
  return undefined;
};

/** The validation rules: graphql's own, plus depth, aliases, directives and (when off) introspection. */
export function validationRules(limits: OperationLimits): ValidationRule[] {
  // graphql-armor throws by default, which graphql-js would turn into an internal error: report
  // a validation error instead.
  const report = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""))),
    ],
  };
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, ...report }),
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
  ];
  if (!limits.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/** Parses a document within the token limit. @throws GraphQLError (a syntax error). */
export function parseWithLimits(source: string, limits: OperationLimits): DocumentNode {
  return parse(source, { maxTokens: limits.maxTokens });
}

/** Runs graphql's validation with the limit rules. */
export function validateWithLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: OperationLimits,
): readonly GraphQLError[] {
  return validate(schema, document, [...specifiedRules, ...validationRules(limits)]);
}

/**
 * The cost error of an operation whose estimated cost is over the limit, else null. Needs the
 * variables (a page size may come from one), so it runs after validation, before execution.
 */
export function costError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  limits: OperationLimits,
): GraphQLError | null {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    return null; // unusable variables: execution reports them as input errors
  }
  if (cost <= limits.maxCost) return null;
  return new GraphQLError(
    `The operation is too expensive: estimated cost ${cost}, at most ${limits.maxCost}. Ask for fewer items or fields.`,
    {
      extensions: { code: "GRAPHQL_VALIDATION_FAILED", cost, maxCost: limits.maxCost },
    },
  );
}

/** Removes graphql's "Did you mean …?" hints, which would reveal the schema field by field. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .+\?$/, "");
}
