import { UserModel } from "../src/modules/users/user.model";
import { Role } from "../src/modules/users";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { listen, settle, until } from "./helpers/live";
import { createProduct, placeOrder, waitForDecision } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

interface Account {
  id: string;
  name: string;
  tier: string;
  budgetCents: number;
  totalSpentCents: number;
}

const VIEWER_UPDATED = "subscription { viewerUpdated { id name tier budgetCents totalSpentCents } }";

describe("viewerUpdated: the logged-in user's own account, live", () => {
  let api: TestApp;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    admin = (await loginAdmin(api)).token;
  });
  afterAll(async () => {
    await api.stop();
  });

  it("starts with the account as it is, then tells a customer of the tier and budget an admin sets, and no one else", async () => {
    const alice = await createCustomer(api, admin, { budgetCents: 1_000 });
    const bob = await createCustomer(api, admin, { budgetCents: 1_000 });
    const alices = listen<Account>(api.wsClient(alice.token), VIEWER_UPDATED);
    const bobs = listen<Account>(api.wsClient(bob.token), VIEWER_UPDATED);
    const admins = listen<Account>(api.wsClient(admin), VIEWER_UPDATED);
    await settle();

    const id = alice.id;
    await must(api, `mutation($id: ID!) { setTier(userId: $id, tier: PREMIUM) { id } }`, { id }, admin);
    await must(api, `mutation($id: ID!) { setBudget(userId: $id, budgetCents: 4790) { id } }`, { id }, admin);
    await must(api, `mutation($id: ID!) { adjustBudget(userId: $id, deltaCents: -790) { id } }`, { id }, admin);
    await until(() => alices.events.length === 4);
    await settle();

    expect(alices.errors).toEqual([]);
    expect(alices.events.map((e) => [e.id, e.tier, e.budgetCents])).toEqual([
      [id, "STANDARD", 1_000],
      [id, "PREMIUM", 1_000],
      [id, "PREMIUM", 4_790],
      [id, "PREMIUM", 4_000],
    ]);
    // Each of the others has their own account only, as it was.
    expect(bobs.events.map((e) => [e.id, e.tier])).toEqual([[bob.id, "STANDARD"]]);
    expect(admins.events.map((e) => e.id)).not.toContain(id);
    expect(admins.events).toHaveLength(1);
    for (const feed of [alices, bobs, admins]) feed.stop();
  });

  it("tells a customer of their own name change and of the budget their orders take", async () => {
    const product = await createProduct(api, admin, { priceCents: 600, stock: 10 });
    const customer = await createCustomer(api, admin, { budgetCents: 1_000 });
    const feed = listen<Account>(api.wsClient(customer.token), VIEWER_UPDATED);
    await settle();

    await must(api, `mutation { updateProfile(name: "Grace Renamed") { id } }`, {}, customer.token);
    await until(() => feed.events.some((e) => e.name === "Grace Renamed"));
    const placed = await placeOrder(api, customer.token, [{ productId: product, quantity: 1 }]);
    expect((await waitForDecision(api, customer.token, placed.id)).status).toBe("APPROVED");
    await until(() => feed.events.some((e) => e.budgetCents === 400));

    expect(feed.events.at(-1)).toMatchObject({ name: "Grace Renamed", budgetCents: 400, totalSpentCents: 600 });
    feed.stop();
  });

  it("gives each admin their own account, though admins see the same orders and products", async () => {
    // A second admin (configuration makes only the first): straight into the database.
    const email = `second-admin-${Date.now()}@example.com`;
    const second = await UserModel.create({
      name: "Second Admin",
      email,
      emailKey: email,
      passwordHash: "not-a-real-hash",
      role: Role.ADMIN,
      emailVerifiedAt: new Date(),
    });
    const secondToken = api.app.tokens.sign({ userId: second.id, role: Role.ADMIN, version: second.tokenVersion });
    const firstSees = listen<Account>(api.wsClient(admin), VIEWER_UPDATED);
    await until(() => firstSees.events.length === 1);
    const secondSees = listen<Account>(api.wsClient(secondToken), VIEWER_UPDATED);
    await until(() => secondSees.events.length === 1);
    await must(api, `mutation { updateProfile(name: "Second Renamed") { id } }`, {}, secondToken);
    await until(() => secondSees.events.length === 2);
    await settle();

    expect(firstSees.events.map((e) => e.id)).toEqual([firstSees.events[0]?.id]);
    expect(firstSees.events[0]?.id).not.toBe(second.id);
    expect(secondSees.events.map((e) => [e.id, e.name])).toEqual([
      [second.id, "Second Admin"],
      [second.id, "Second Renamed"],
    ]);
    firstSees.stop();
    secondSees.stop();
  });

  it("refuses an anonymous subscriber with UNAUTHENTICATED", async () => {
    const feed = listen<Account>(api.wsClient(), VIEWER_UPDATED);
    await until(() => feed.errors.length > 0 || feed.done(), 5_000);
    expect(feed.events).toEqual([]);
    expect(JSON.stringify(feed.errors)).toContain("UNAUTHENTICATED");
  });
});
