import { GraphQLError } from "graphql";
import pino from "pino";
import { ForbiddenError, NotFoundError } from "./errors";
import { makeFormatError } from "./format-error";

describe("makeFormatError()", () => {
  const logger = pino({ level: "silent" });
  const format = makeFormatError({ logger, exposeStack: false });
  const asFormatted = (error: GraphQLError) => error.toJSON();

  it("passes an AppError's message and code through", () => {
    const error = new NotFoundError("Order", "abc");
    expect(format(asFormatted(error), error)).toEqual({
      message: "Order abc was not found.",
      extensions: { code: "NOT_FOUND", entity: "Order", id: "abc" },
    });
  });

  it("unwraps an AppError thrown inside a resolver", () => {
    const original = new ForbiddenError();
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ["me"] });
    expect(format({ ...asFormatted(wrapped), extensions: { code: "FORBIDDEN" } }, wrapped).extensions?.["code"]).toBe(
      "FORBIDDEN",
    );
  });

  it("hides an unexpected error's message and stack behind INTERNAL_SERVER_ERROR, and logs it", () => {
    const error = jest.spyOn(logger, "error");
    const original = new Error("connection string mongodb://user:secret@db leaked");
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ["me"] });
    const formatted = format(
      { message: original.message, path: ["me"], extensions: { stacktrace: ["at x"] } },
      wrapped,
    );
    expect(formatted).toEqual({
      message: "Something went wrong on our side. It has been logged; please try again.",
      path: ["me"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(error).toHaveBeenCalledTimes(1);
  });

  it("keeps request-level codes set by Apollo", () => {
    const error = new GraphQLError("Syntax Error: Expected Name", { extensions: { code: "GRAPHQL_PARSE_FAILED" } });
    expect(format(asFormatted(error), error).extensions?.["code"]).toBe("GRAPHQL_PARSE_FAILED");
  });
});
