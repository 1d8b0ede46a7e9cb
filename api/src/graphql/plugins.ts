import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import type { Metrics } from "../metrics";
import type { Context } from "./context";
import { costError, type OperationLimits } from "./limits";

/**
 * Refuses an operation whose estimated cost is over the limit. The cost needs the variables (a
 * page size may come from one), so it is checked once the operation is known, before it runs.
 */
export function costLimitPlugin(schema: GraphQLSchema, limits: OperationLimits): ApolloServerPlugin<Context> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ document, request }) => {
          const tooCostly = costError(schema, document, request.variables, request.operationName, limits);
          return tooCostly === null ? Promise.resolve() : Promise.reject(tooCostly);
        },
      }),
  };
}

/** Records each HTTP operation's name, type, duration and error codes. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    requestDidStart: ({ request }) => {
      const started = process.hrtime.bigint();
      let name = request.operationName;
      let type = "unknown";
      return Promise.resolve({
        didResolveOperation: ({ operationName, operation }) => {
          name = operationName ?? undefined;
          type = operation?.operation ?? "unknown";
          return Promise.resolve();
        },
        willSendResponse: ({ response }) => {
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          metrics.operation({
            name,
            type,
            transport: "http",
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
            errorCodes: errors.map((e) => {
              const code = e.extensions?.["code"];
              return typeof code === "string" ? code : "UNKNOWN";
            }),
          });
          return Promise.resolve();
        },
      });
    },
  };
}

/** Closes the graphql-ws sockets when Apollo drains the HTTP server (`apollo.stop()`). */
export function drainPlugin(drain: () => Promise<void>): ApolloServerPlugin<Context> {
  return {
    serverWillStart: () => Promise.resolve({ drainServer: drain }),
  };
}
