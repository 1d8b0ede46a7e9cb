// A real stack for browser tests: the built API and client (`node api/dist/main.js`) on its
// embedded database, a real SMTP peer that keeps the mails, and Debian's chromium driven by
// playwright-core. One stack per test file.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
import { chromium } from "playwright-core";
import { SMTPServer } from "smtp-server";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const screenshots = join(root, ".orderflow", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let built = false;

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8" });
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}

/** Builds the client (once per process) and the API if it is not built. */
function build() {
  if (built) return;
  run("npm", ["run", "build", "-w", "client"]);
  if (!existsSync(join(root, "api", "dist", "main.js"))) run("npm", ["run", "build", "-w", "api"]);
  built = true;
}

/**
 * Starts the stack. `env` adds API settings (e.g. SCHEDULER_DELAY_MS).
 * @returns { url, browser, mails, adminToken(), graphql(), stop() }
 */
export async function startStack(env = {}) {
  assert.ok(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`);
  build();
  const mails = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          for (const to of session.envelope.rcptTo)
            mails.push({ to: to.address.toLowerCase(), subject: mail.subject ?? "", text: mail.text ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((done) => smtp.listen(0, "127.0.0.1", done));

  const dataDir = mkdtempSync(join(tmpdir(), "orderflow-browser-"));
  const api = spawn(process.execPath, [join(root, "api", "dist", "main.js")], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "development",
      PORT: "0",
      LOG_LEVEL: "info",
      DATA_DIR: dataDir,
      DEMO_DATA: "false",
      SMTP_URL: `smtp://127.0.0.1:${smtp.server.address().port}`,
      ...(process.env.MONGODB_URI
        ? { MONGODB_URI: `${process.env.MONGODB_URI.replace(/\/+$/, "")}/browser_${Date.now()}` }
        : {}),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = [];
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start:\n${output.join("\n")}`)), 120_000);
    for (const stream of [api.stdout, api.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        output.push(line);
        const match = /OrderFlow is running at (http:\/\/\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      });
    }
    api.once("exit", (code) => reject(new Error(`the API exited with ${code}:\n${output.join("\n")}`)));
  });

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  mkdirSync(screenshots, { recursive: true });
  // Every page runs under the client's Content-Security-Policy: chromium reports what it refuses on
  // the console, and the stack fails its tests if anything was refused.
  const cspViolations = [];
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  };

  /** POSTs an operation to the API and returns its data, failing on errors. */
  async function graphql(query, variables = {}, token) {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data;
  }

  return {
    url,
    browser,
    mails,
    graphql,
    /** The development admin's email and generated password. */
    admin: () => ({
      email: "admin@orderflow.local",
      password: readFileSync(join(dataDir, "admin-password"), "utf8").trim(),
    }),
    async adminToken() {
      const { email, password } = this.admin();
      const data = await graphql("mutation($i: LoginInput!) { login(input: $i) { token } }", {
        i: { email, password },
      });
      return data.login.token;
    },
    /** What the Content-Security-Policy refused so far, on any page (none, or a test fails). */
    cspViolations,
    async stop() {
      await browser.close();
      assert.deepEqual(cspViolations, [], "the Content-Security-Policy refused something");
      if (api.exitCode === null) {
        const exited = new Promise((done) => api.once("exit", done));
        api.kill("SIGTERM");
        await exited;
      }
      await new Promise((done) => smtp.close(done));
    },
  };
}

/** Saves a screenshot of the page in both themes: `<name>-light.png` and `<name>-dark.png`. */
export async function screenshotBothThemes(page, name) {
  for (const theme of ["light", "dark"]) {
    await page.evaluate((value) => document.documentElement.setAttribute("data-bs-theme", value), theme);
    await page.screenshot({ path: join(screenshots, `${name}-${theme}.png`), fullPage: true });
  }
  await page.evaluate(() =>
    document.documentElement.setAttribute("data-bs-theme", localStorage.getItem("orderflow.theme") ?? "light"),
  );
}

/** A page whose session is the given token. */
export async function pageAs(stack, token) {
  const page = await stack.browser.newPage();
  await page.goto(stack.url);
  if (token) {
    await page.evaluate((value) => localStorage.setItem("orderflow.token", value), token);
    await page.reload();
  }
  return page;
}
