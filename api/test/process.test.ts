import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mongo } from "mongoose";
import { spawnApi, type ApiProcess } from "../tools/cluster/api-process";
import { freshDatabaseName, testServerUri } from "./helpers/database";

const RUNNING = /OrderFlow is running at (http:\/\/\S+)/;
const EMBEDDED = /embedded database \(mongo-java-server\) at (mongodb:\/\/\S+),/;
const baseEnv = { NODE_ENV: "development", PORT: "0", LOG_LEVEL: "info", JWT_SECRET: randomBytes(32).toString("hex") };

/** True when something accepts MongoDB connections at the URI. */
async function answers(uri: string): Promise<boolean> {
  const client = new mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1500 });
  try {
    await client.connect();
    await client.db("admin").command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

describe("the API process (node dist/main.js)", () => {
  const running: ApiProcess[] = [];
  const start = (env: Record<string, string>) => {
    const api = spawnApi(env);
    running.push(api);
    return api;
  };
  afterAll(() => {
    for (const api of running) api.child.kill("SIGKILL");
  });

  it("refuses to start on a bad setting and names it", async () => {
    const api = start({ ...baseEnv, PORT: "eighty", SCHEDULER_CONCURRENCY: "-1" });
    expect(await api.exited).toBe(1);
    const output = api.lines.join("\n");
    expect(output).toMatch(/PORT must be an integer from 0 to 65535 \(got "eighty"\)/);
    expect(output).toMatch(/SCHEDULER_CONCURRENCY must be an integer/);
  });

  it("shuts down gracefully on SIGTERM", async () => {
    const uri = `${testServerUri()}/${freshDatabaseName("process")}`;
    const api = start({ ...baseEnv, MONGODB_URI: uri });
    const [, url] = await api.waitFor(RUNNING);

    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });

    api.child.kill("SIGTERM");
    expect(await api.exited).toBe(0);
    expect(api.lines).toContain("stopped cleanly");
  });

  it("in development without SMTP_URL or ADMIN_EMAIL, catches mails in a local inbox and creates a first admin", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "orderflow-dev-"));
    const uri = `${testServerUri()}/${freshDatabaseName("process")}`;
    const api = start({ ...baseEnv, MONGODB_URI: uri, DATA_DIR: dataDir });
    const [, inbox] = await api.waitFor(/read them at (http:\/\/\S+)/);
    const [, url] = await api.waitFor(RUNNING);
    await api.waitFor(/log in as admin@orderflow\.local with the password in/);
    await api.waitFor(/demo customers \(e\.g\. ada@demo\.orderflow\.local\) log in with the password in/);
    const password = readFileSync(join(dataDir, "admin-password"), "utf8").trim();

    const graphql = (query: string, variables: Record<string, unknown>) =>
      fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data?: Record<string, unknown>; errors?: unknown[] }>);
    const login = await graphql(
      `
        mutation ($i: LoginInput!) {
          login(input: $i) {
            user {
              role
            }
          }
        }
      `,
      {
        i: { email: "admin@orderflow.local", password },
      },
    );
    expect(login).toEqual({ data: { login: { user: { role: "ADMIN" } } } });

    // Demo data: products, and customers who log in with the generated demo password.
    const demoPassword = readFileSync(join(dataDir, "demo-password"), "utf8").trim();
    const demo = await graphql(
      `
        mutation ($i: LoginInput!) {
          login(input: $i) {
            token
            user {
              role
              tier
            }
          }
        }
      `,
      {
        i: { email: "ada@demo.orderflow.local", password: demoPassword },
      },
    );
    const { token, user } = (demo.data as { login: { token: string; user: unknown } }).login;
    expect(user).toEqual({ role: "CUSTOMER", tier: "PREMIUM" });
    const products = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ products { totalCount } }" }),
    }).then((r) => r.json() as Promise<unknown>);
    expect(products).toEqual({ data: { products: { totalCount: 8 } } });

    await graphql(
      `
        mutation ($e: String!) {
          requestPasswordReset(email: $e)
        }
      `,
      { e: "admin@orderflow.local" },
    );
    let subjects: string[] = [];
    for (let i = 0; i < 40 && subjects.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const mails = (await fetch(`${inbox}/api/email`).then((r) => r.json())) as { subject: string }[];
      subjects = mails.map((m) => m.subject);
    }
    expect(subjects).toContain("Reset your OrderFlow password");

    api.child.kill("SIGTERM");
    expect(await api.exited).toBe(0);
  });

  it("runs two development servers (npm start) side by side, beside this test run's own servers", async () => {
    // As `npm start` runs: embedded database in the data folder, local mail catcher, first admin.
    // This test run's own database server and SMTP peers are up meanwhile.
    const [a, b] = [0, 1].map(() => start({ ...baseEnv, DATA_DIR: mkdtempSync(join(tmpdir(), "orderflow-twin-")) }));
    const started = await Promise.all(
      [a, b].map(async (api) => {
        const [, smtp, inbox] = await api.waitFor(
          /caught locally \(SMTP_URL is unset\) at (smtp:\/\/\S+): read them at (http:\/\/\S+)/,
        );
        const [, database] = await api.waitFor(EMBEDDED);
        const [, url] = await api.waitFor(RUNNING);
        return { smtp, inbox, database, url };
      }),
    );
    for (const key of ["smtp", "inbox", "database", "url"] as const) {
      expect(started[0][key]).not.toBe(started[1][key]);
    }
    for (const { url, inbox } of started) {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${inbox}/api/email`)).status).toBe(200);
    }
    for (const api of [a, b]) api.child.kill("SIGTERM");
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  });

  describe("with the embedded database (MONGODB_URI unset)", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "orderflow-data-"));

    it("keeps a document written before a restart, and leaves no database process behind", async () => {
      const first = start({ ...baseEnv, DATA_DIR: dataDir });
      const [, embeddedUri] = await first.waitFor(EMBEDDED);
      await first.waitFor(RUNNING);
      const client = new mongo.MongoClient(embeddedUri);
      await client.connect();
      await client.db("orderflow").collection("notes").insertOne({ text: "written before the restart" });
      await client.close();

      first.child.kill("SIGINT");
      expect(await first.exited).toBe(0);
      expect(await answers(embeddedUri)).toBe(false);

      const second = start({ ...baseEnv, DATA_DIR: dataDir });
      const [, secondUri] = await second.waitFor(EMBEDDED);
      const [, url] = await second.waitFor(RUNNING);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const reader = new mongo.MongoClient(secondUri);
      await reader.connect();
      const notes = await reader
        .db("orderflow")
        .collection("notes")
        .find({}, { projection: { _id: 0 } })
        .toArray();
      await reader.close();
      expect(notes).toEqual([{ text: "written before the restart" }]);

      // Killed outright, the API cannot stop its database; the database notices and exits.
      second.child.kill("SIGKILL");
      await second.exited;
      let stillAnswering = true;
      for (let i = 0; i < 20 && stillAnswering; i++) {
        await new Promise((r) => setTimeout(r, 250));
        stillAnswering = await answers(secondUri);
      }
      expect(stillAnswering).toBe(false);
    });
  });
});
