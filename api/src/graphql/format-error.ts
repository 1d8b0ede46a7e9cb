import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { Logger } from "../logger";
import { AppError, ErrorCode } from "./errors";
import { withoutSuggestions } from "./limits";

/** Request-level codes Apollo Server sets itself; they describe the request, not internals. */
const APOLLO_REQUEST_CODES = new Set<unknown>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

export interface FormatErrorOptions {
  readonly logger: Logger;
  /** Adds `extensions.stacktrace` for unexpected errors; never in production. */
  readonly exposeStack: boolean;
}

/**
 * Builds the one error formatter of both transports (Apollo over HTTP and graphql-ws). AppErrors
 * and request-level errors pass unchanged; anything else is logged and replaced by
 * INTERNAL_SERVER_ERROR without its message or stack.
 */
export function makeFormatError({ logger, exposeStack }: FormatErrorOptions) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return withoutStack(formatted);
    if (original instanceof ArgumentValidationError) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
    const code = formatted.extensions?.["code"];
    // Several operations and no operationName: a bad request, as the contract's codes say.
    if (code === ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE) {
      return {
        ...withoutStack(formatted),
        extensions: { ...formatted.extensions, code: ApolloServerErrorCode.BAD_REQUEST },
      };
    }
    // Errors raised by graphql-js while coercing variables or arguments (a wrong type, a value out
    // of a scalar's range) have no original error of ours and describe the input.
    const inputError = original instanceof GraphQLError && original.originalError === undefined;
    if (APOLLO_REQUEST_CODES.has(code) || inputError)
      return { ...withoutStack(formatted), message: withoutSuggestions(formatted.message) };
    logger.error({ err: original, path: formatted.path }, "unexpected error in a GraphQL operation");
    return {
      message: "Something went wrong on our side. It has been logged; please try again.",
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(exposeStack && original instanceof Error ? { stacktrace: original.stack?.split("\n") } : {}),
      },
    };
  };
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions === undefined || !("stacktrace" in formatted.extensions)) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/** The formatter {@link makeFormatError} builds. */
export type FormatError = ReturnType<typeof makeFormatError>;
