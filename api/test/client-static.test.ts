import express from "express";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { addClientRoutes } from "../src/http/routes";
import { CLIENT_CSP } from "../src/http/security-headers";

const SCRIPT = `console.log(${JSON.stringify("OrderFlow ".repeat(300))});`;
const PAGE = `<!doctype html><title>OrderFlow</title><script type="module" src="/assets/app-1.js"></script>${"<!-- -->".repeat(200)}`;

/** Answers as they came over the wire, bodies left compressed. */
interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

describe("the web client's files, as the API serves them", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "orderflow-client-static-"));
    mkdirSync(join(dir, "assets"));
    // What the client's build writes: each text file, and its .br and .gz copies.
    for (const [path, text] of [
      ["index.html", PAGE],
      ["assets/app-1.js", SCRIPT],
    ]) {
      writeFileSync(join(dir, path), text);
      writeFileSync(join(dir, `${path}.br`), brotliCompressSync(text));
      writeFileSync(join(dir, `${path}.gz`), gzipSync(text));
    }
    writeFileSync(join(dir, "assets", "plain-1.js"), SCRIPT);
    writeFileSync(join(dir, "assets", "app-1.js.map"), '{"version":3,"sources":["secret.ts"]}');
    const app = express();
    addClientRoutes(app, dir);
    server = createServer(app);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    ({ port } = server.address() as { port: number });
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  const get = (path: string, acceptEncoding?: string, method = "GET") =>
    new Promise<Answer>((done, fail) => {
      const headers = acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding };
      // The path as it is: a URL would resolve "%2e%2e" before sending it.
      const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", fail);
      req.end();
    });

  it("sends a hashed script brotli-compressed to a browser that accepts br, cached for a year", async () => {
    const answer = await get("/assets/app-1.js", "gzip, deflate, br, zstd");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(answer.headers["vary"]).toBe("Accept-Encoding");
    expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(answer.headers["content-security-policy"]).toBe(CLIENT_CSP);
    expect(brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
  });

  it("sends gzip when brotli is not accepted, or refused with q=0", async () => {
    for (const accept of ["gzip", "br;q=0, gzip;q=0.8", "*;q=0.5, br;q=0"]) {
      const answer = await get("/assets/app-1.js", accept);
      expect(answer.headers["content-encoding"]).toBe("gzip");
      expect(answer.headers["content-type"]).toBe("text/javascript; charset=utf-8");
      expect(gunzipSync(answer.body).toString()).toBe(SCRIPT);
    }
  });

  it("sends the file as it is without Accept-Encoding, or without a compressed copy", async () => {
    for (const [path, accept] of [
      ["/assets/app-1.js", undefined],
      ["/assets/app-1.js", "identity"],
      ["/assets/plain-1.js", "br, gzip"],
    ] as const) {
      const answer = await get(path, accept);
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(answer.headers["vary"]).toBe("Accept-Encoding");
      expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(answer.body.toString()).toBe(SCRIPT);
    }
  });

  it("answers HEAD with the headers of the compressed copy and no body", async () => {
    const answer = await get("/assets/app-1.js", "br", "HEAD");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.body.length).toBe(0);
  });

  it("sends the page compressed and never cached, for / and every client route", async () => {
    for (const path of ["/", "/login", "/orders/123", "/index.html"]) {
      const answer = await get(path, "br");
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBe("br");
      expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(answer.headers["cache-control"]).toBe("no-cache");
      expect(answer.headers["content-security-policy"]).toBe(CLIENT_CSP);
      expect(brotliDecompressSync(answer.body).toString()).toBe(PAGE);
    }
  });

  it("never publishes a source map, even one left in the build", async () => {
    for (const path of ["/assets/app-1.js.map", "/assets/missing.js.map", "/app.js.map"]) {
      expect((await get(path)).status).toBe(404);
    }
  });

  it("answers 404 for a missing asset, compressed or not, and keeps to the assets folder", async () => {
    expect((await get("/assets/missing.js", "br")).status).toBe(404);
    const outside = await get("/assets/%2e%2e/index.html", "br");
    expect(outside.status).toBe(403);
    expect(outside.body.toString()).not.toContain("OrderFlow");
  });
});
