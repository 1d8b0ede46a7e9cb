import { GraphQLError } from "graphql";

/** Every code an OrderFlow error can carry in `extensions.code` (see the API contract). */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_CREDENTIALS: "INVALID_CREDENTIALS",
  EMAIL_NOT_VERIFIED: "EMAIL_NOT_VERIFIED",
  TOTP_REQUIRED: "TOTP_REQUIRED",
  TOTP_INVALID: "TOTP_INVALID",
  INVALID_TOKEN: "INVALID_TOKEN",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  INSUFFICIENT_STOCK: "INSUFFICIENT_STOCK",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Extra facts a program may read beside the code; never internals. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

/**
 * The base of every error the services throw on purpose. Its message is for people, its code for
 * programs; both reach the client unchanged (see format-error.ts).
 */
export class AppError<C extends ErrorCode = ErrorCode> extends GraphQLError {
  constructor(
    readonly code: C,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message, { extensions: { ...details, code } });
    this.name = new.target.name;
  }
}

/** No valid credentials came with the request. */
export class UnauthenticatedError extends AppError<"UNAUTHENTICATED"> {
  constructor(message = "You must be logged in to do this.") {
    super("UNAUTHENTICATED", message);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends AppError<"FORBIDDEN"> {
  constructor(message = "You are not allowed to do this.", details: ErrorDetails = {}) {
    super("FORBIDDEN", message, details);
  }
}

/** An argument is out of range or malformed; `field` names it. */
export class BadUserInputError extends AppError<"BAD_USER_INPUT"> {
  constructor(message: string, field?: string) {
    super("BAD_USER_INPUT", message, field === undefined ? {} : { field });
  }
}

/** The entity does not exist (or the caller may not know that it does). */
export class NotFoundError extends AppError<"NOT_FOUND"> {
  constructor(entity: string, id: string) {
    super("NOT_FOUND", `${entity} ${id} was not found.`, { entity, id });
  }
}

/** The request contradicts the current state (a duplicate, a state that moved on). */
export class ConflictError extends AppError<"CONFLICT"> {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}

/** Login failed; the same message whether the email exists or the password is wrong. */
export class InvalidCredentialsError extends AppError<"INVALID_CREDENTIALS"> {
  constructor() {
    super("INVALID_CREDENTIALS", "The email or password is not correct.");
  }
}

export class EmailNotVerifiedError extends AppError<"EMAIL_NOT_VERIFIED"> {
  constructor() {
    super("EMAIL_NOT_VERIFIED", "Please verify your email address first: follow the link in the mail we sent.");
  }
}

export class TotpRequiredError extends AppError<"TOTP_REQUIRED"> {
  constructor() {
    super("TOTP_REQUIRED", "Enter the 6-digit code from your authenticator app.");
  }
}

export class TotpInvalidError extends AppError<"TOTP_INVALID"> {
  constructor() {
    super("TOTP_INVALID", "That authenticator code is not valid (or was already used).");
  }
}

/** A verification or reset token is unknown, used or expired. */
export class InvalidTokenError extends AppError<"INVALID_TOKEN"> {
  constructor(message = "This link is invalid, already used or expired.") {
    super("INVALID_TOKEN", message);
  }
}

export class TooManyRequestsError extends AppError<"TOO_MANY_REQUESTS"> {
  constructor(retryAfterSec: number, message = `Too many attempts. Try again in ${retryAfterSec} s.`) {
    super("TOO_MANY_REQUESTS", message, { retryAfterSec });
  }
}

export class InsufficientStockError extends AppError<"INSUFFICIENT_STOCK"> {
  constructor(productId: string, available: number, message?: string) {
    super("INSUFFICIENT_STOCK", message ?? `Not enough stock: ${available} available.`, { productId, available });
  }
}
