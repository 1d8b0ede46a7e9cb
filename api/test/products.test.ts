import mongoose from "mongoose";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { invariantsWhenQuiet } from "./helpers/invariants";
import { createProduct, stockOf } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

describe("products and stock", () => {
  let api: TestApp;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    ({ token: admin, id: adminId } = await loginAdmin(api));
  });
  afterAll(async () => {
    expect(await invariantsWhenQuiet(mongoose.connection.db!)).toEqual([]);
    await api.stop();
  });

  it("creates a product owned by the admin, visible with its owner to admins only", async () => {
    const { createProduct: created } = await must<{
      createProduct: {
        id: string;
        name: string;
        description: string;
        priceCents: number;
        stock: number;
        owner: { id: string };
      };
    }>(
      api,
      `mutation { createProduct(input: { name: " Desk lamp ", priceCents: 2999, stock: 12 }) { id name description priceCents stock owner { id } } }`,
      {},
      admin,
    );
    expect(created).toMatchObject({
      name: "Desk lamp",
      description: "",
      priceCents: 2999,
      stock: 12,
      owner: { id: adminId },
    });
    const customer = await createCustomer(api, admin);
    const seen = await must<{ product: { name: string; owner: null } }>(
      api,
      `query($id: ID!) { product(id: $id) { name owner { id } } }`,
      { id: created.id },
      customer.token,
    );
    expect(seen.product).toEqual({ name: "Desk lamp", owner: null });
  });

  it("lists products newest first with a search, for any logged-in user, and nobody else", async () => {
    const id = await createProduct(api, admin, { name: "Unique Zebra Mug", priceCents: 100, stock: 1 });
    const customer = await createCustomer(api, admin);
    const found = await must<{ products: { nodes: Array<{ id: string }>; totalCount: number } }>(
      api,
      `{ products(search: "zebra mug") { totalCount nodes { id } } }`,
      {},
      customer.token,
    );
    expect(found.products).toEqual({ totalCount: 1, nodes: [{ id }] });
    expect((await api.graphql("{ products { totalCount } }")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets only admins change products", async () => {
    const id = await createProduct(api, admin, { priceCents: 100, stock: 1 });
    const customer = await createCustomer(api, admin);
    for (const mutation of [
      `mutation { createProduct(input: { name: "X", priceCents: 1 }) { id } }`,
      `mutation($id: ID!) { updateProduct(id: $id, input: { priceCents: 1 }) { id } }`,
      `mutation($id: ID!) { deleteProduct(id: $id) }`,
      `mutation($id: ID!) { adjustStock(productId: $id, delta: 5) { id } }`,
      `mutation($id: ID!) { setStock(productId: $id, stock: 5) { id } }`,
    ]) {
      expect((await api.graphql(mutation, { id }, customer.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await stockOf(api, admin, id)).toBe(1);
  });

  it.each([
    ["a zero price", { priceCents: 0 }, "priceCents"],
    ["a price over the cap", { priceCents: 100_000_001 }, "priceCents"],
    ["negative stock", { stock: -1 }, "stock"],
    ["an empty name", { name: "  " }, "name"],
  ])("refuses %s with BAD_USER_INPUT", async (_label, override, field) => {
    const response = await api.graphql(
      `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
      { input: { name: "Ok", priceCents: 100, ...override } },
      admin,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("updates name, description and price", async () => {
    const id = await createProduct(api, admin, { priceCents: 100, stock: 1 });
    const { updateProduct } = await must<{ updateProduct: unknown }>(
      api,
      `mutation($id: ID!) { updateProduct(id: $id, input: { name: "Renamed", description: "Now with more", priceCents: 150 }) { name description priceCents } }`,
      { id },
      admin,
    );
    expect(updateProduct).toEqual({ name: "Renamed", description: "Now with more", priceCents: 150 });
  });

  describe("stock", () => {
    it("adjusts up and down, and never below zero (INSUFFICIENT_STOCK)", async () => {
      const id = await createProduct(api, admin, { priceCents: 100, stock: 5 });
      await must(api, `mutation($id: ID!) { adjustStock(productId: $id, delta: 3) { stock } }`, { id }, admin);
      const short = await api.graphql(
        `mutation($id: ID!) { adjustStock(productId: $id, delta: -9) { stock } }`,
        { id },
        admin,
      );
      expect(short.errors?.[0]?.extensions).toMatchObject({ code: "INSUFFICIENT_STOCK", available: 8, productId: id });
      expect(await stockOf(api, admin, id)).toBe(8);
    });

    it("never goes below zero under concurrent removals", async () => {
      const id = await createProduct(api, admin, { priceCents: 100, stock: 50 });
      const results = await Promise.all(
        Array.from({ length: 40 }, () =>
          api.graphql(`mutation($id: ID!) { adjustStock(productId: $id, delta: -2) { stock } }`, { id }, admin),
        ),
      );
      expect(results.filter((r) => r.errors === undefined)).toHaveLength(25);
      expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "INSUFFICIENT_STOCK")).toHaveLength(15);
      expect(await stockOf(api, admin, id)).toBe(0);
    });

    it("sets the stock, and keeps receivedTotal consistent when sets and adjustments race", async () => {
      const id = await createProduct(api, admin, { priceCents: 100, stock: 10 });
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) =>
          api.graphql(
            `mutation($id: ID!, $s: Int!) { setStock(productId: $id, stock: $s) { stock } }`,
            { id, s: i * 3 },
            admin,
          ),
        ),
        ...Array.from({ length: 10 }, () =>
          api.graphql(`mutation($id: ID!) { adjustStock(productId: $id, delta: 1) { stock } }`, { id }, admin),
        ),
      ]);
      const doc = await mongoose.connection
        .db!.collection("products")
        .findOne({ _id: new mongoose.Types.ObjectId(id) });
      expect(doc?.["receivedTotal"]).toBe(doc?.["stock"]);
    });
  });

  it("soft-deletes: gone from lists, still readable by id with deletedAt, no longer editable", async () => {
    const id = await createProduct(api, admin, { name: "Gone Soon", priceCents: 100, stock: 1 });
    expect(await must(api, `mutation($id: ID!) { deleteProduct(id: $id) }`, { id }, admin)).toEqual({
      deleteProduct: true,
    });
    const list = await must<{ products: { nodes: Array<{ id: string }> } }>(
      api,
      "{ products(first: 100) { nodes { id } } }",
      {},
      admin,
    );
    expect(list.products.nodes.map((n) => n.id)).not.toContain(id);
    const { product } = await must<{ product: { deletedAt: string | null } }>(
      api,
      `query($id: ID!) { product(id: $id) { deletedAt } }`,
      { id },
      admin,
    );
    expect(product.deletedAt).toEqual(expect.any(String));
    expect(
      (await api.graphql(`mutation($id: ID!) { adjustStock(productId: $id, delta: 1) { id } }`, { id }, admin))
        .errors?.[0]?.extensions?.code,
    ).toBe("NOT_FOUND");
  });
});
