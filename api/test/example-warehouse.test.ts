/**
 * The example integrator (examples/warehouse.ts), run as `npm run example:warehouse` against a
 * live API with a token holding orders:read and fulfilment:write only: it ships what was approved
 * before it started, then each order the scheduler approves while it runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { createToken } from "./helpers/api-tokens";
import { until } from "./helpers/live";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

const ROOT = resolve(__dirname, "..", "..");

describe("examples/warehouse.ts", () => {
  let api: TestApp;
  let warehouse: ChildProcess | undefined;
  const events: Array<{ event: string; orderId?: string }> = [];

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
  });
  afterAll(async () => {
    if (warehouse?.pid !== undefined && warehouse.exitCode === null) {
      const exited = new Promise((done) => warehouse?.once("exit", done));
      process.kill(-warehouse.pid, "SIGTERM");
      await exited;
    }
    await api.stop();
  });

  it("ships the orders approved before it started and those approved while it runs", async () => {
    const admin = await loginAdmin(api);
    const { token } = await createToken(api, admin.token, ["orders:read", "fulfilment:write"], { name: "Warehouse" });
    const customer = await createCustomer(api, admin.token, { budgetCents: 100_000 });
    const productId = await createProduct(api, admin.token, { priceCents: 1_000, stock: 20 });
    const before = await placeOrder(api, customer.token, [{ productId, quantity: 1 }]);
    expect((await waitForDecision(api, admin.token, before.id)).status).toBe("APPROVED");

    warehouse = spawn("npm", ["run", "--silent", "example:warehouse"], {
      cwd: ROOT,
      env: { ...process.env, ORDERFLOW_URL: api.url, ORDERFLOW_TOKEN: token },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    createInterface({ input: warehouse.stdout! }).on("line", (line) => {
      if (line.startsWith("{")) events.push(JSON.parse(line) as { event: string; orderId?: string });
    });
    await until(() => events.some((e) => e.event === "ready" || e.event === "stopped"), 60_000);
    expect(events.find((e) => e.event === "stopped")).toBeUndefined();

    const during = [];
    for (let i = 0; i < 3; i++) during.push(await placeOrder(api, customer.token, [{ productId, quantity: 1 }]));
    const ids = [before.id, ...during.map((o) => o.id)];
    await until(() => ids.every((id) => events.some((e) => e.event === "shipped" && e.orderId === id)), 30_000);

    const { orders } = await must<{ orders: { nodes: Array<{ id: string; status: string }> } }>(
      api,
      "{ orders(first: 10) { nodes { id status } } }",
      {},
      admin.token,
    );
    expect(orders.nodes.filter((o) => ids.includes(o.id)).map((o) => o.status)).toEqual(ids.map(() => "SHIPPED"));
    expect(events.filter((e) => e.event === "shipped")).toHaveLength(4);
  }, 120_000);
});
