import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "../src/lib/free-port";
import { REPO_ROOT } from "../src/paths";
import { ADMIN_ENV, createCustomer, loginAdmin } from "./helpers/accounts";
import { createProduct, placeOrder } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";
import { createWebhook } from "./helpers/webhooks";

interface Printed {
  verified?: boolean;
  id?: string;
  type?: string;
  data?: { orderId?: string };
  listening?: string;
}

/** examples/webhook-receiver.ts against a live API: registered as a webhook, it prints the verified events. */
describe("the example webhook receiver", () => {
  let api: TestApp;
  let receiver: ChildProcess | undefined;
  const printed: Printed[] = [];
  const wakers = new Set<() => void>();

  const waitForLine = (match: (line: Printed) => boolean, timeoutMs = 15_000) =>
    new Promise<Printed>((resolve, reject) => {
      const check = () => {
        const found = printed.find(match);
        if (found === undefined) return;
        clearTimeout(timer);
        wakers.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => reject(new Error(`not printed: ${JSON.stringify(printed)}`)), timeoutMs);
      wakers.add(check);
      check();
    });

  beforeAll(async () => {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "examples/tsconfig.json"], {
      cwd: REPO_ROOT,
    });
    api = await startTestApp({ env: ADMIN_ENV, webhooks: { pollMs: 50 } });
  });
  afterAll(async () => {
    receiver?.kill("SIGTERM");
    await api.stop();
  });

  it("verifies and prints an order.placed event, and refuses a forged one", async () => {
    const { token: admin } = await loginAdmin(api);
    const port = await freePort();
    const { secret } = await createWebhook(api, admin, `http://127.0.0.1:${port}/webhooks`, ["ORDER_PLACED"]);
    receiver = spawn(process.execPath, [join(REPO_ROOT, "examples/dist/webhook-receiver.js")], {
      env: { PATH: process.env["PATH"] ?? "", WEBHOOK_SECRET: secret, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [receiver.stdout!, receiver.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        printed.push(JSON.parse(line) as Printed);
        for (const wake of wakers) wake();
      });
    }
    await waitForLine((line) => line.listening !== undefined);

    const productId = await createProduct(api, admin, { priceCents: 250, stock: 3 });
    const customer = await createCustomer(api, admin, { budgetCents: 5_000 });
    const order = await placeOrder(api, customer.token, [{ productId, quantity: 1 }]);
    const event = await waitForLine((line) => line.data?.orderId === order.id);
    expect(event).toMatchObject({ verified: true, id: `msg_${order.id}_placed`, type: "order.placed" });

    const forged = await fetch(`http://127.0.0.1:${port}/webhooks`, {
      method: "POST",
      headers: {
        "webhook-id": "msg_forged",
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,bm90IGEgc2lnbmF0dXJl",
      },
      body: JSON.stringify({ type: "order.placed", data: { orderId: "forged" } }),
    });
    expect(forged.status).toBe(401);
    expect(await waitForLine((line) => line.id === "msg_forged")).toMatchObject({ verified: false });
  });
});
