import { parse } from "graphql";
import type { Kind, Spec, Generated } from "./generators";
import { between, pick, type Rng } from "./random";
import type { Caller } from "./world";

/** What one generated call sends. */
export interface Case {
  readonly op: string;
  readonly caller: Caller;
  /** The JSON body, or raw text for malformed requests. */
  readonly body: Record<string, unknown> | string;
  /** resendVerificationEmail and requestPasswordReset answer true for any string. */
  readonly mayReturnTrue?: boolean;
  /** @default application/json */
  readonly contentType?: string;
}

/** What each kind of result is asked for (scalars: nothing). */
const SELECTION: Record<Kind, string> = {
  scalar: "",
  User: "{ id name tier budgetCents }",
  Product: "{ id name stock priceCents }",
  Order: "{ id status }",
  AuthPayload: "{ token user { id } }",
  RegisterPayload: "{ user { id } totpSetup { secret } }",
  TotpSetup: "{ secret otpauthUrl }",
};

/** A selection deeper than the depth limit: user → orders → customer → orders → … */
function deepUser(levels: number): string {
  return `{ ${"orders { nodes { customer { ".repeat(levels)}id${" } } }".repeat(levels)} }`;
}
const DEEP_SELECTION: Record<Kind, string | null> = {
  scalar: null,
  TotpSetup: null,
  User: deepUser(8),
  Product: `{ owner ${deepUser(8)} }`,
  Order: `{ customer ${deepUser(8)} }`,
  AuthPayload: `{ user ${deepUser(8)} }`,
  RegisterPayload: `{ user ${deepUser(8)} }`,
};

/** Prints a value as a GraphQL literal (enum-like strings bare). Invalid names make invalid documents, as they should. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return /^[A-Z][A-Z_]*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}: ${literal(v)}`)
    .join(", ")}}`;
}

function varDefs(spec: Spec): string {
  return spec.args.length === 0 ? "" : `(${spec.args.map(([n, t]) => `$${n}: ${t}`).join(", ")})`;
}
function argPass(spec: Spec): string {
  return spec.args.length === 0 ? "" : `(${spec.args.map(([n]) => `${n}: $${n}`).join(", ")})`;
}

/** Whether graphql-js refuses to parse the text. */
function unparsable(text: string): boolean {
  try {
    parse(text);
    return false;
  } catch {
    return true;
  }
}

/** How a call's document is written: well-formed (variables, literals) or broken in one way. */
export type Mode =
  | "variables"
  | "literal"
  | "missing-variables"
  | "truncated"
  | "injected"
  | "unknown-field"
  | "unknown-argument"
  | "selection-mismatch"
  | "wrong-variable-type"
  | "undeclared-variable"
  | "unused-variable"
  | "bad-directive"
  | "wrong-fragment"
  | "as-query"
  | "two-operations"
  | "deep-selection"
  | "aliases"
  | "too-many-tokens";

/** Modes whose document is refused whatever the arguments and the caller. */
const ALWAYS_REFUSED = new Set<Mode>([
  "truncated",
  "injected",
  "unknown-field",
  "unknown-argument",
  "selection-mismatch",
  "wrong-variable-type",
  "undeclared-variable",
  "unused-variable",
  "bad-directive",
  "wrong-fragment",
  "as-query",
  "two-operations",
]);

const MODES: ReadonlyArray<readonly [Mode, number]> = [
  ["variables", 62],
  ["literal", 8],
  ["missing-variables", 3],
  ["truncated", 2],
  ["injected", 2],
  ["unknown-field", 2],
  ["unknown-argument", 2],
  ["selection-mismatch", 2],
  ["wrong-variable-type", 2],
  ["undeclared-variable", 2],
  ["unused-variable", 2],
  ["bad-directive", 2],
  ["wrong-fragment", 2],
  ["as-query", 1],
  ["two-operations", 1],
  ["deep-selection", 3],
  ["aliases", 2],
  ["too-many-tokens", 2],
];

/** A weighted pick of how the call is written (most calls are well-formed documents with bad variables). */
export function pickMode(r: Rng): Mode {
  let roll = r() * MODES.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [mode, weight] of MODES) {
    roll -= weight;
    if (roll < 0) return mode;
  }
  return "variables";
}

/** The request that sends `generated` for `op`, written the way `mode` says. */
export function buildCase(r: Rng, op: string, spec: Spec, generated: Generated, mode: Mode): Case {
  const randomCaller = (): Caller => pick(r, ["admin", "admin", "admin", "c1", "c2", "anon", "garbage"] as const);
  let caller = generated.caller ?? randomCaller();
  // No-argument mutations are only invalid for a logged-in caller when the document is refused.
  if (ALWAYS_REFUSED.has(mode) && generated.invalidArgs === false) caller = randomCaller();
  const { vars } = generated;
  const selection = SELECTION[spec.kind];
  const call = `${op}${argPass(spec)} ${selection}`;
  const document = `mutation Fuzz${varDefs(spec)} { ${call} }`;
  const body = (query: string, variables: unknown = vars): Case => ({
    op,
    caller,
    body: { query, variables },
    ...(generated.mayReturnTrue === true ? { mayReturnTrue: true } : {}),
  });
  switch (mode) {
    case "variables":
      return body(document);
    case "literal": {
      const args = spec.args.length === 0 ? "" : `(${spec.args.map(([n]) => `${n}: ${literal(vars[n])}`).join(", ")})`;
      return body(`mutation { ${op}${args} ${selection} }`, {});
    }
    case "missing-variables":
      return spec.args.length === 0
        ? body(document.replace("Fuzz", "Fuzz($x: Int!)"), pick(r, [null, {}]))
        : body(document, pick(r, [null, {}, undefined]));
    case "truncated":
      return body(document.slice(0, between(r, 1, document.length - 1)));
    case "injected": {
      for (let attempt = 0; attempt < 5; attempt++) {
        const at = between(r, 1, document.length - 1);
        const text = `${document.slice(0, at)}${pick(r, ["{", "}", "(", ")", "$", "!", "\u0000", "\ud800", "…", ":", "@", '"'])}${document.slice(at)}`;
        if (unparsable(text)) return body(text);
      }
      return body(`${document} }`);
    }
    case "unknown-field":
      return body(
        selection === ""
          ? `mutation Fuzz${varDefs(spec)} { ${op}${argPass(spec)} doesNotExist: __nope }`
          : document.replace(selection, selection.replace("{ ", "{ __nope ")),
      );
    case "unknown-argument":
      return body(
        spec.args.length === 0
          ? document.replace(op, `${op}(bogus: 1)`)
          : document.replace(argPass(spec), argPass(spec).replace(")", ", bogus: 1)")),
      );
    case "selection-mismatch":
      return body(
        selection === ""
          ? document.replace(call, `${op}${argPass(spec)} { id }`)
          : document.replace(call, `${op}${argPass(spec)}`),
      );
    case "wrong-variable-type":
      return spec.args.length === 0
        ? body(document.replace(op, `${op}(x: $x)`).replace("Fuzz", "Fuzz($x: Int)"))
        : body(document.replace(`: ${spec.args[0][1]}`, `: ${spec.args[0][1] === "String!" ? "Int!" : "String!"}`));
    case "undeclared-variable":
      return body(spec.args.length === 0 ? `mutation Fuzz { ${op}(x: $x) ${selection} }` : `mutation Fuzz { ${call} }`);
    case "unused-variable":
      return body(
        spec.args.length === 0
          ? document.replace("Fuzz", "Fuzz($unused: Int)")
          : document.replace("Fuzz(", "Fuzz($unused: Int, "),
      );
    case "bad-directive":
      return body(
        document.replace(
          call,
          `${op}${argPass(spec)} ${pick(r, ['@include(if: "no")', "@bogus", "@skip", "@skip(if: 1)", "@deprecated"])} ${selection}`,
        ),
      );
    case "wrong-fragment":
      return body(
        selection === ""
          ? `${document} fragment F on Product { id }`
          : document.replace(selection, `{ ...F }`) +
              ` fragment F on ${spec.kind === "Product" ? "Order" : "Product"} { id }`,
      );
    case "as-query":
      return body(document.replace(/^mutation/, "query"));
    case "two-operations":
      return body(`${document} mutation Other { __typename }`);
    case "deep-selection": {
      const deep = DEEP_SELECTION[spec.kind];
      return body(deep === null ? document : document.replace(selection, deep));
    }
    case "aliases": {
      const many = Array.from({ length: 30 }, (_, i) => `a${i}: ${call}`).join(" ");
      return body(`mutation Fuzz${varDefs(spec)} { ${many} }`);
    }
    case "too-many-tokens":
      // Over the parser's token limit: 4,000 more fields beside the mutation, or in its selection.
      return selection === ""
        ? body(document.replace(call, `${call} ${"__typename ".repeat(4000)}`))
        : body(document.replace(selection, `{ ${"__typename ".repeat(4000)}}`));
  }
}

/** Bodies that are not a well-formed GraphQL request at all. */
export const MALFORMED_REQUESTS: ReadonlyArray<{ body: string; contentType?: string }> = [
  { body: "{bad json" },
  { body: '{"query": "mutation { logout }"' },
  { body: "null" },
  { body: '"mutation { logout }"' },
  { body: "[]" },
  { body: "[1, 2]" },
  { body: '{"query": null}' },
  { body: '{"query": 5}' },
  { body: '{"query": {"$ne": null}}' },
  { body: '{"query": "mutation { logout }", "variables": [1]}' },
  { body: '{"query": "mutation { logout }", "variables": "{}"}' },
  { body: '{"query": "mutation { logout }", "operationName": 5}' },
  { body: '{"query": "mutation { logout }", "extensions": "x"}' },
  { body: "" },
  { body: JSON.stringify({ query: "mutation { logout }" }), contentType: "text/plain" },
  { body: "query=mutation%20%7B%20logout%20%7D", contentType: "application/x-www-form-urlencoded" },
];
