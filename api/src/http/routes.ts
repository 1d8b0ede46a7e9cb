import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Metrics } from "../metrics";
import { precompressedStatic, sendPrecompressed } from "./precompressed";
import { clientContentSecurityPolicy } from "./security-headers";

const noCache = (res: { setHeader(name: string, value: string): void }) => res.setHeader("Cache-Control", "no-cache");

/** Options of {@link addProbeRoutes}. */
export interface ProbeOptions {
  /** Whether the database answers; `/readyz` says 503 otherwise. */
  readonly isReady: () => Promise<boolean>;
  /** Served as Prometheus text at `/metrics` when given. */
  readonly metrics?: Metrics | undefined;
}

/** `/healthz` (the process answers), `/readyz` (it can serve: the database answers) and `/metrics`. */
export function addProbeRoutes(app: Express, { isReady, metrics }: ProbeOptions): void {
  if (metrics !== undefined) {
    app.get("/metrics", async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "database unreachable" });
  });
}

/**
 * Parses a JSON body of at most 1 MB. A body that is not JSON, or too large, gets a GraphQL-shaped
 * answer (BAD_REQUEST), never an HTML page.
 */
export function jsonBody(): [RequestHandler, ErrorRequestHandler] {
  return [
    express.json({ limit: "1mb" }),
    (error: unknown, _req, res, next) => {
      const { status, type } = (error ?? {}) as { status?: number; type?: string };
      if (type !== "entity.parse.failed" && type !== "entity.too.large") return next(error);
      const message =
        type === "entity.too.large" ? "The request body is larger than 1 MB." : "The request body is not valid JSON.";
      res.status(status ?? 400).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
    },
  ];
}

/**
 * Serves the built web client at `/` when `clientDir` holds one; every other path loads its page.
 * Text files go out as the build's .br or .gz copy when the browser accepts it; source maps never.
 */
export function addClientRoutes(app: Express, clientDir: string | undefined): void {
  if (clientDir === undefined || !existsSync(join(clientDir, "index.html"))) return;
  const index = join(clientDir, "index.html");
  const csp = clientContentSecurityPolicy();
  // A build with source maps (vite build --sourcemap hidden) keeps them for local debugging only.
  app.get(/\.map$/, (_req, res) => {
    res.sendStatus(404);
  });
  // Vite's hashed bundles never change under the same name: cached for a year; the page itself is
  // checked every time, so a new build is seen at once.
  const hashed = { immutable: true, maxAge: "1y" };
  app.use(
    "/assets",
    csp,
    precompressedStatic(join(clientDir, "assets"), hashed),
    express.static(join(clientDir, "assets"), { index: false, ...hashed, fallthrough: false }),
  );
  const page = { cacheControl: false, headers: { "Cache-Control": "no-cache" } };
  app.use(
    csp,
    precompressedStatic(clientDir, page),
    express.static(clientDir, { index: false, cacheControl: false, setHeaders: noCache }),
  );
  // Client-side routes (/login, /orders/…) all load the single page.
  app.get("/{*path}", csp, (req, res, next) => {
    sendPrecompressed(req, res, index, page, () => res.sendFile(index, page)).catch(next);
  });
}
