// How fast the web client's first screen appears on a slow link, and how its files are served:
// compressed, cached for good when hashed, and without source maps.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, test } from "node:test";
import { startStack } from "./harness.mjs";

/** The slow link of issue 13: 1.6 Mbps down, 750 kbps up, 150 ms latency (DevTools' "Fast 3G"). */
const SLOW_LINK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const FORM_WITHIN_MS = 2_000;
const JS_BUDGET_BYTES = 150 * 1024;

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

/** A GET with the given headers, the body left compressed as it came: { status, headers, bytes }. */
function get(path, headers = {}) {
  return new Promise((done, fail) => {
    const req = request(`${stack.url}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => done({ status: res.statusCode, headers: res.headers, bytes: Buffer.concat(chunks).length }));
    });
    req.on("error", fail);
    req.end();
  });
}

/** The script index.html loads first: /assets/index-<hash>.js. */
async function entryScript() {
  const html = await (await fetch(`${stack.url}/`)).text();
  const src = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(src, `index.html loads no module script:\n${html}`);
  return src;
}

test("the login form appears within 2 s on a 1.6 Mbps / 150 ms link, after at most 150 KB of compressed JS", async () => {
  const context = await stack.browser.newContext();
  // When the email field is first shown, in ms since the navigation started (the page's clock).
  await context.addInitScript(() => {
    const shown = () => {
      const field = document.getElementById("login-email");
      return field !== null && field.getClientRects().length > 0;
    };
    new MutationObserver((_records, observer) => {
      if (window.__formShownAt === undefined && shown()) {
        window.__formShownAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_LINK);
  const responses = new Map();
  cdp.on("Network.responseReceived", ({ requestId, type, response }) =>
    responses.set(requestId, {
      path: new URL(response.url).pathname,
      type,
      encoding: response.headers["content-encoding"] ?? response.headers["Content-Encoding"] ?? "identity",
    }),
  );
  const finished = new Map();
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => finished.set(requestId, encodedDataLength));

  await page.goto(`${stack.url}/login`, { waitUntil: "commit" });
  await page.locator("#login-email").waitFor({ state: "visible", timeout: 30_000 });
  const formShownAtMs = Math.round(await page.evaluate(() => window.__formShownAt));
  // Everything the browser had received by the time the form was there (a little more, at worst).
  const loaded = [...finished].map(([id, bytes]) => ({ ...responses.get(id), bytes }));
  const scripts = loaded.filter((file) => file.type === "Script");
  const kb = (bytes) => Math.round(bytes / 102.4) / 10;
  const sum = (files) => files.reduce((total, file) => total + file.bytes, 0);
  const figures = {
    link: "1.6 Mbps down, 750 kbps up, 150 ms latency, no cache",
    formShownAtMs,
    jsKB: kb(sum(scripts)),
    cssKB: kb(sum(loaded.filter((file) => file.type === "Stylesheet"))),
    allKB: kb(sum(loaded)),
    files: loaded.map((file) => `${file.path} ${file.type} ${file.encoding} ${kb(file.bytes)} KB`),
  };
  console.log(JSON.stringify({ loginOnSlowLink: figures }, null, 2));
  // Chart.js (its message "Chart with ID … must be destroyed") comes with the dashboard only.
  const chartJs = [];
  for (const { path } of scripts)
    if ((await (await fetch(`${stack.url}${path}`)).text()).includes("Chart with ID")) chartJs.push(path);
  await context.close();

  assert.ok(formShownAtMs <= FORM_WITHIN_MS, `the login form appeared after ${formShownAtMs} ms`);
  assert.ok(sum(scripts) <= JS_BUDGET_BYTES, `${figures.jsKB} KB of JS before the login form`);
  assert.ok(!scripts.some((file) => /chart/i.test(file.path)), `Chart.js loaded for the login page: ${figures.files}`);
});

test("a page loaded on first use shows a loading status until its code is there", async () => {
  const context = await stack.browser.newContext();
  // Shown for a few hundred ms only: watched in the page, where no change is missed.
  await context.addInitScript(() => {
    new MutationObserver(() => {
      for (const status of document.querySelectorAll('[role="status"]'))
        if (status.textContent?.trim() === "Loading…") window.__loadingShown = true;
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_LINK);
  await page.goto(`${stack.url}/register`, { waitUntil: "commit" });
  await page.getByRole("heading", { name: "Create an account" }).waitFor({ timeout: 15_000 });
  assert.equal(await page.evaluate(() => window.__loadingShown), true, "no loading status before the page");
  assert.equal(await page.getByText("Loading…").count(), 0);
  await context.close();
});

test("hashed files are sent brotli- or gzip-compressed as the browser accepts, cached for a year", async () => {
  const entry = await entryScript();
  const plain = await get(entry);
  const gzip = await get(entry, { "accept-encoding": "gzip" });
  const brotli = await get(entry, { "accept-encoding": "gzip, deflate, br" });
  console.log(JSON.stringify({ entryScript: { entry, plain: plain.bytes, gzip: gzip.bytes, brotli: brotli.bytes } }));
  for (const response of [plain, gzip, brotli]) {
    assert.equal(response.status, 200);
    assert.match(response.headers["content-type"], /^text\/javascript|^application\/javascript/);
    assert.equal(response.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.match(response.headers.vary ?? "", /accept-encoding/i);
  }
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.equal(gzip.headers["content-encoding"], "gzip");
  assert.equal(brotli.headers["content-encoding"], "br");
  assert.ok(gzip.bytes < plain.bytes / 2 && brotli.bytes < gzip.bytes, "the compressed files are smaller");

  const page = await get("/login", { "accept-encoding": "br" });
  assert.equal(page.headers["cache-control"], "no-cache");
  assert.match(page.headers["content-type"], /^text\/html/);
});

test("no source map is published", async () => {
  const entry = await entryScript();
  assert.equal((await get(`${entry}.map`)).status, 404);
  const script = await (await fetch(`${stack.url}${entry}`)).text();
  assert.doesNotMatch(script, /sourceMappingURL/);
});
