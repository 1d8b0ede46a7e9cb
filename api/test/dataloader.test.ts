import mongoose from "mongoose";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { createProduct, placeOrder } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

describe("DataLoader batching", () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    // The scheduler is off: the orders stay PENDING and no background work adds commands.
    api = await startTestApp({ env: ADMIN_ENV, monitorCommands: true, scheduler: { enabled: false } });
    admin = (await loginAdmin(api)).token;
    const products = await Promise.all(
      Array.from({ length: 12 }, () => createProduct(api, admin, { priceCents: 100, stock: 1000 })),
    );
    const customers = await Promise.all(
      Array.from({ length: 15 }, () => createCustomer(api, admin, { budgetCents: 1_000_000 })),
    );
    for (let i = 0; i < 60; i++) {
      const customer = customers[i % customers.length];
      await placeOrder(api, customer.token, [
        { productId: products[i % products.length], quantity: 1 },
        { productId: products[(i + 5) % products.length], quantity: 2 },
      ]);
    }
    // Placing orders makes the dashboard recompute once, within a second: let that pass, so only
    // the measured query's commands are counted.
    await new Promise((resolve) => setTimeout(resolve, 2500));
  });
  afterAll(async () => {
    await api.stop();
  });

  /** The database commands one query issues, counted by the driver's command monitoring. */
  async function commandsFor(query: string): Promise<string[]> {
    const client = mongoose.connection.getClient();
    const commands: string[] = [];
    const listener = (event: { commandName: string }) => commands.push(event.commandName);
    client.on("commandStarted", listener);
    try {
      await must(api, query, {}, admin);
    } finally {
      client.off("commandStarted", listener);
    }
    return commands;
  }

  /**
   * The commands of a query that reads nothing it keeps, run three times: the app's timers may
   * send a command of their own while it runs (never one fewer), so the fewest are the query's.
   */
  async function ownCommandsFor(query: string): Promise<string[]> {
    const runs = [await commandsFor(query), await commandsFor(query), await commandsFor(query)];
    return runs.reduce((fewest, run) => (run.length < fewest.length ? run : fewest));
  }

  const ordersQuery = (first: number) =>
    `{ orders(first: ${first}) { nodes { customer { name } items { product { name stock } } } } }`;

  it("issues as many database commands for 50 orders with customers and products as for 5", async () => {
    const five = await ownCommandsFor(ordersQuery(5));
    const fifty = await ownCommandsFor(ordersQuery(50));
    expect(fifty.length).toBe(five.length);
    // The page, the viewer's session check, one batch of users, one batch of products.
    expect(fifty.length).toBeLessThanOrEqual(4);
  });

  it("counts a list's matches only when totalCount is asked for", async () => {
    // Two page sizes: a page read once is kept (until a product changes), its count too.
    const page = await commandsFor("{ products(first: 20) { nodes { id } } }");
    const counted = await commandsFor("{ products(first: 21) { nodes { id } totalCount } }");
    expect(counted.length).toBe(page.length + 1);
    expect(page.filter((name) => name === "count" || name === "aggregate")).toEqual([]);
  });
});
