import { mongo } from "mongoose";

const HISTORY_PRODUCTS = 20;
const HISTORY_CUSTOMERS = 50;
const BATCH = 5_000;
const DAY_MS = 86_400_000;

/**
 * Stores `count` older, decided orders (70% approved, 10% of those delivered, the rest rejected)
 * with their two ORDER log entries each, on products and customers of their own whose accounting
 * matches them (the invariants hold), spread over the 30 days before `now`. The benchmark's own
 * workload then runs on a database that has history, as a shop's does.
 */
export async function seedHistory(db: mongo.Db, count: number, random: () => number, now: number): Promise<void> {
  const products = Array.from({ length: HISTORY_PRODUCTS }, (_, i) => ({
    _id: new mongo.ObjectId(),
    name: `History product ${i + 1}`,
    priceCents: 100 * (1 + Math.floor(random() * 50)),
    sold: 0,
  }));
  const customers = Array.from({ length: HISTORY_CUSTOMERS }, (_, i) => ({
    _id: new mongo.ObjectId(),
    email: `history-${i + 1}@orderflow.bench`,
    tier: i % 3 === 0 ? "PREMIUM" : "STANDARD",
    spent: 0,
  }));
  for (let start = 0; start < count; start += BATCH) {
    const orders: mongo.Document[] = [];
    const logs: mongo.Document[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const customer = customers[Math.floor(random() * customers.length)];
      const lines = new Map<number, number>();
      for (let l = 0; l < 1 + Math.floor(random() * 3); l++)
        lines.set(Math.floor(random() * products.length), 1 + Math.floor(random() * 3));
      const items = [...lines].map(([p, quantity]) => ({
        productId: products[p]._id,
        productName: products[p].name,
        unitPriceCents: products[p].priceCents,
        quantity,
        lineTotalCents: products[p].priceCents * quantity,
      }));
      const totalCents = items.reduce((sum, line) => sum + line.lineTotalCents, 0);
      const approved = random() < 0.7;
      const createdAt = new Date(now - 30 * DAY_MS + Math.floor(random() * 29 * DAY_MS));
      const processedAt = new Date(createdAt.getTime() + 1000);
      if (approved) {
        customer.spent += totalCents;
        for (const [p, quantity] of lines) products[p].sold += quantity;
      }
      const _id = new mongo.ObjectId();
      orders.push({
        _id,
        customerId: customer._id,
        tier: customer.tier,
        items,
        totalCents,
        status: approved ? (random() < 0.1 ? "DELIVERED" : "APPROVED") : "REJECTED",
        outcome: approved ? "APPROVED" : "REJECTED",
        committedClaimId: approved ? "history" : null,
        reason: approved ? null : "Not enough stock (history)",
        priorityKey: (customer.tier === "PREMIUM" ? 15 : 10) - (0.5 * createdAt.getTime()) / 1000,
        claim: null,
        claimedAt: createdAt,
        processedAt,
        processedMinute: new Date(processedAt.getTime() - (processedAt.getTime() % 60_000)),
        waitMs: 1000,
        pendingLog: [],
        refundPending: false,
        customerDeleted: false,
        createdAt,
        updatedAt: processedAt,
      });
      for (const [event, at] of [
        ["placed", createdAt],
        ["decided", processedAt],
      ] as const) {
        logs.push({
          at,
          type: "ORDER",
          level: "INFO",
          message: `Order ${_id.toHexString()} ${event} (history)`,
          orderId: _id,
          userId: customer._id,
          data: { event },
        });
      }
    }
    await db.collection("orders").insertMany(orders, { ordered: false });
    await db.collection("logs").insertMany(logs, { ordered: false });
  }
  const at = new Date(now - 31 * DAY_MS);
  await db.collection("products").insertMany(
    products.map((p) => ({
      _id: p._id,
      name: p.name,
      description: "",
      priceCents: p.priceCents,
      stock: 0,
      receivedTotal: p.sold,
      holds: [],
      refunds: [],
      ownerId: null,
      deletedAt: null,
      createdAt: at,
      updatedAt: at,
    })),
  );
  await db.collection("users").insertMany(
    customers.map((c) => ({
      _id: c._id,
      name: c.email,
      email: c.email,
      emailKey: c.email,
      passwordHash: "-",
      role: "CUSTOMER",
      tier: c.tier,
      budgetCents: 0,
      depositedCents: c.spent,
      totalSpentCents: c.spent,
      holds: [],
      refunds: [],
      tokenVersion: 0,
      totpEnabled: false,
      deletedAt: null,
      createdAt: at,
      updatedAt: at,
    })),
  );
}
