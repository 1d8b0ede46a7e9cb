/**
 * API tokens across two API processes on one database, with Redis between them (as in
 * production): the rate limit's bucket is one for both, and a revocation on one instance refuses
 * the token on the other at once and closes the socket it holds there.
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { spawnApi, type ApiProcess } from "../tools/cluster/api-process";
import { startRedisServer, type RedisServer } from "../tools/cluster/redis-server";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./helpers/accounts";
import { mustAt, startProcessStack, type ProcessStack } from "./helpers/api-process";
import { CREATE_TOKEN, REVOKE_TOKEN } from "./helpers/api-tokens";
import { SESSION_ENDED } from "./helpers/auth-operations";
import { listen, until } from "./helpers/live";

const RUNNING = /OrderFlow is running at (http:\/\/\S+)/;
const PRODUCTS = "{ products(first: 1) { totalCount } }";

async function ask(url: string, token: string) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PRODUCTS }),
  });
  const body = (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
  return body.errors?.[0]?.extensions.code ?? "ok";
}

describe("API tokens on two instances", () => {
  let redis: RedisServer;
  let stack: ProcessStack;
  const processes: ApiProcess[] = [];
  const sockets: Client[] = [];
  let a: string;
  let b: string;
  let admin: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    stack = await startProcessStack("api-tokens");
    const env = {
      ...stack.env,
      REDIS_URL: redis.url,
      DEMO_DATA: "false",
      API_TOKEN_RATE_PER_MIN: "1",
      API_TOKEN_BURST: "4",
    };
    const first = spawnApi(env);
    processes.push(first);
    a = (await first.waitFor(RUNNING, 30_000))[1]!;
    const second = spawnApi(env);
    processes.push(second);
    b = (await second.waitFor(RUNNING, 30_000))[1]!;
    const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { token } }`;
    admin = (
      await mustAt<{ login: { token: string } }>(a, LOGIN, { i: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })
    ).login.token;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sockets.map(async (socket) => socket.dispose()));
    await Promise.all(processes.map(async (api) => api.stop(10_000)));
    await redis.stop();
    await stack.stop();
  });

  async function newToken(): Promise<{ token: string; id: string }> {
    const input = { name: "shared", scopes: ["products:read"] };
    const data = await mustAt<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      a,
      CREATE_TOKEN,
      { input },
      admin,
    );
    return { token: data.createApiToken.token, id: data.createApiToken.apiToken.id };
  }

  it("shares one bucket: requests to either instance draw from it", async () => {
    const { token } = await newToken();
    const answers = [await ask(a, token), await ask(b, token), await ask(a, token), await ask(b, token)];
    expect(answers).toEqual(["ok", "ok", "ok", "ok"]);
    expect([await ask(a, token), await ask(b, token)]).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });

  it("refuses a token revoked on one instance at once on the other, and closes its socket there", async () => {
    const { token, id } = await newToken();
    expect(await ask(b, token)).toBe("ok");
    let closed: number | undefined;
    const client = createClient({
      url: `${b.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { closed: (event) => (closed = (event as CloseEvent).code) },
    });
    sockets.push(client);
    const feed = listen(client, "subscription { productUpdated { id } }");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(feed.errors).toEqual([]);
    await mustAt(a, REVOKE_TOKEN, { id }, admin);
    await until(() => closed !== undefined);
    expect(closed).toBe(SESSION_ENDED);
    expect(await ask(b, token)).toBe("UNAUTHENTICATED");
  });
});
