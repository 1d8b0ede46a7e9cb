/**
 * Each API token's rate limit (API_TOKEN_RATE_PER_MIN, API_TOKEN_BURST), over real HTTP and a real
 * graphql-ws socket: beyond the burst, TOO_MANY_REQUESTS with retryAfterSec (and HTTP 429 with
 * Retry-After), until the bucket refills on the app's clock. People's requests are not counted.
 */
import { ManualClock } from "../src/clock";
import { ADMIN_ENV, loginAdmin } from "./helpers/accounts";
import { createToken } from "./helpers/api-tokens";
import { startTestApp, wsRequest, type TestApp } from "./helpers/test-app";

const PRODUCTS = "{ products(first: 1) { totalCount } }";

describe("API token rate limit", () => {
  const clock = new ManualClock(new Date());
  let api: TestApp;
  let admin: { token: string };

  beforeAll(async () => {
    api = await startTestApp({ clock, env: { ...ADMIN_ENV, API_TOKEN_RATE_PER_MIN: "6", API_TOKEN_BURST: "3" } });
    admin = await loginAdmin(api);
  });
  afterAll(() => api.stop());

  it("answers HTTP 429 with retryAfterSec and Retry-After beyond the burst, and lets the token in once it refills", async () => {
    const { token } = await createToken(api, admin.token, ["products:read"]);
    for (let i = 0; i < 3; i++) expect((await api.graphql(PRODUCTS, {}, token)).errors).toBeUndefined();
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: PRODUCTS }),
    });
    const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect([response.status, response.headers.get("retry-after")]).toEqual([429, "10"]);
    expect(body.errors[0]?.extensions).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSec: 10 });
    clock.advance(10_000);
    expect((await api.graphql(PRODUCTS, {}, token)).errors).toBeUndefined();
  });

  it("counts each operation over a socket, and refuses the one beyond the burst", async () => {
    const { token } = await createToken(api, admin.token, ["products:read"]);
    const client = api.wsClient(token, { lazy: false });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await wsRequest(client, PRODUCTS));
    expect(answers.map((a) => a.errors?.[0]?.extensions?.code ?? "ok")).toEqual([
      "ok",
      "ok",
      "ok",
      "TOO_MANY_REQUESTS",
    ]);
    expect(answers[3]?.errors?.[0]?.extensions?.["retryAfterSec"]).toBe(10);
    await client.dispose();
  });

  it("keeps one bucket per token, and none for people", async () => {
    const first = await createToken(api, admin.token, ["products:read"]);
    const second = await createToken(api, admin.token, ["products:read"]);
    for (let i = 0; i < 3; i++) await api.graphql(PRODUCTS, {}, first.token);
    expect((await api.graphql(PRODUCTS, {}, first.token)).errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    expect((await api.graphql(PRODUCTS, {}, second.token)).errors).toBeUndefined();
    for (let i = 0; i < 10; i++) expect((await api.graphql(PRODUCTS, {}, admin.token)).errors).toBeUndefined();
  });
});
