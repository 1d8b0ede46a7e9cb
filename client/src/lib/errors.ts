import { CombinedGraphQLErrors } from "@apollo/client";

/** The first error code of a failed operation (the contract's codes), if any. */
export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.["code"];
  return typeof code === "string" ? code : undefined;
}

/** A message for people: the API's own message, else a generic one. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join(" ");
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

/** The input field the API refused (`BAD_USER_INPUT` with `extensions.field`), if it named one. */
export function errorField(error: unknown): string | undefined {
  if (errorCode(error) !== "BAD_USER_INPUT" || !CombinedGraphQLErrors.is(error)) return undefined;
  const field = error.errors[0]?.extensions?.["field"];
  return typeof field === "string" ? field : undefined;
}
