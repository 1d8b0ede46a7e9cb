import type { TestApp } from "../../helpers/test-app";
import type { Case } from "./documents";
import { truncate } from "./text";
import type { World } from "./world";

/** The codes an invalid request may end with (Apollo's OPERATION_RESOLUTION_FAILURE is request-level too). */
const EXPECTED_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "INVALID_TOKEN",
  "INVALID_CREDENTIALS",
  "TOTP_INVALID",
  "CONFLICT",
  "INSUFFICIENT_STOCK",
  "TOO_MANY_REQUESTS",
]);

/** How one call ended. */
export interface Outcome {
  readonly status: number;
  /** The first error's code, "true" for an allowed success, or a description of what was wrong. */
  readonly code: string;
  readonly problem?: string;
}

/** Sends one case as its caller and judges the response. */
export async function send(api: TestApp, world: World, c: Case): Promise<Outcome> {
  const authorization =
    c.caller === "admin" || c.caller === "c1" || c.caller === "c2"
      ? `Bearer ${world.tokens[c.caller]}`
      : c.caller === "garbage"
        ? world.garbageAuth[Math.floor(Math.random() * world.garbageAuth.length)]
        : undefined;
  const response = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": c.contentType ?? "application/json",
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: typeof c.body === "string" ? c.body : JSON.stringify(c.body),
  });
  return judge(response.status, await response.text(), c);
}

function judge(status: number, text: string, c: Pick<Case, "op" | "mayReturnTrue">): Outcome {
  let body: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: unknown } }> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return {
      status,
      code: `non-JSON ${status}`,
      problem: `HTTP ${status} with a non-JSON body: ${truncate(text, 160)}`,
    };
  }
  if (status >= 500) return { status, code: `HTTP ${status}`, problem: `HTTP ${status}: ${truncate(text)}` };
  const errors = body.errors ?? [];
  const codes = errors.map((e) => (typeof e.extensions?.code === "string" ? e.extensions.code : "(no code)"));
  const succeeded = Object.values(body.data ?? {}).filter((v) => v !== null && v !== undefined);
  if (codes.includes("INTERNAL_SERVER_ERROR")) {
    return { status, code: "INTERNAL_SERVER_ERROR", problem: `INTERNAL_SERVER_ERROR: ${truncate(text)}` };
  }
  const unexpected = codes.find((code) => !EXPECTED_CODES.has(code));
  if (unexpected !== undefined)
    return { status, code: unexpected, problem: `unexpected code ${unexpected}: ${truncate(text)}` };
  if (succeeded.length > 0) {
    if (c.mayReturnTrue === true && errors.length === 0 && succeeded.every((v) => v === true)) {
      return { status, code: "true" };
    }
    return { status, code: "SUCCEEDED", problem: `invalid input accepted: ${truncate(text)}` };
  }
  if (codes.length === 0)
    return { status, code: "(no error)", problem: `neither data nor an error: ${truncate(text)}` };
  return { status, code: codes[0] };
}

/** Runs `task(i)` for i in 0..count-1 with at most `width` at once. */
export async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}
