import express from "express";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLIENT_CSP, COMMON_SECURITY_HEADERS, HSTS, securityHeaders } from "../src/http/security-headers";
import { REPO_ROOT } from "../src/paths";
import { startTestApp, type TestApp } from "./helpers/test-app";

const TEMPLATE = join(REPO_ROOT, "deploy", "nginx", "orderflow.conf.template");

describe("security headers of the API and the web client", () => {
  let api: TestApp;

  beforeAll(async () => {
    const clientDir = mkdtempSync(join(tmpdir(), "orderflow-client-"));
    mkdirSync(join(clientDir, "assets"));
    writeFileSync(
      join(clientDir, "index.html"),
      '<!doctype html><script type="module" src="/assets/app-1.js"></script>',
    );
    writeFileSync(join(clientDir, "assets", "app-1.js"), "console.log('app');");
    api = await startTestApp({ clientDir });
  });

  afterAll(async () => {
    await api.stop();
  });

  const headersOf = async (path: string, init?: RequestInit) => (await fetch(`${api.url}${path}`, init)).headers;

  it("sends the client's pages with a strict Content-Security-Policy and no caching", async () => {
    for (const path of ["/", "/orders/123", "/index.html"]) {
      const headers = await headersOf(path);
      expect(headers.get("content-security-policy")).toBe(CLIENT_CSP);
      expect(headers.get("cache-control")).toBe("no-cache");
      for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) expect(headers.get(name)).toBe(value);
    }
    expect(CLIENT_CSP).toMatch(/script-src 'self';/);
    expect(CLIENT_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("caches hashed assets for a year, immutable; a missing asset is 404, not the page", async () => {
    const asset = await fetch(`${api.url}/assets/app-1.js`);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-security-policy")).toBe(CLIENT_CSP);
    expect((await fetch(`${api.url}/assets/missing.js`)).status).toBe(404);
  });

  it("sends nosniff, no framing and no referrer on API answers too", async () => {
    const headers = await headersOf("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) expect(headers.get(name)).toBe(value);
    expect(headers.get("strict-transport-security")).toBeNull(); // not in development
  });

  it("sends HSTS in production only", async () => {
    const statusOf = async (production: boolean) => {
      const app = express().use(securityHeaders(production));
      app.get("/", (_req, res) => res.send("ok"));
      const server = createServer(app);
      await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
      const { port } = server.address() as { port: number };
      const hsts = (await fetch(`http://127.0.0.1:${port}/`)).headers.get("strict-transport-security");
      await new Promise((done) => server.close(done));
      return hsts;
    };
    expect(await statusOf(true)).toBe(HSTS);
    expect(await statusOf(false)).toBeNull();
  });

  it("are the same headers nginx sends for the client (deploy/nginx/orderflow.conf.template)", () => {
    const template = readFileSync(TEMPLATE, "utf8");
    const blocks = [...template.matchAll(/location (\/assets\/|\/) \{([^}]*)\}/g)].map((m) => m[2]);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) {
      const sent = Object.fromEntries(
        [...block.matchAll(/add_header ([\w-]+) "([^"]*)" always;/g)].map((m) => [m[1].toLowerCase(), m[2]]),
      );
      expect(sent["content-security-policy"]).toBe(CLIENT_CSP);
      for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) expect(sent[name.toLowerCase()]).toBe(value);
    }
  });
});
