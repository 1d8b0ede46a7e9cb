import { Types, type mongo } from "mongoose";
import { InterleavingController } from "../tools/explorer/controller";
import { World } from "../tools/explorer/world";
import { OrderStatus } from "../src/modules/orders";
import type { OrderDocument } from "../src/modules/orders/order.model";
import { Role } from "../src/modules/users";
import { useModelDatabase } from "./helpers/database";

/**
 * Concurrent workers' conditional updates of one kind (takes, commits) share one bulk command
 * (GroupedUpdates): each caller must still learn exactly the outcome of its own update, and a
 * caller alone must send what it sent before grouping.
 */
describe("updates of concurrent workers, grouped", () => {
  const database = useModelDatabase("grouped", { monitorCommands: true });
  let db: mongo.Db;
  let world: World;
  let commands: string[] = [];

  beforeAll(() => {
    db = database().connection.db!;
    database()
      .connection.getClient()
      .on("commandStarted", (event) => commands.push(event.commandName));
  });

  beforeEach(async () => {
    await db.dropDatabase();
    const controller = new InterleavingController(() => Promise.resolve());
    controller.free = true;
    world = new World(db, controller, new Set());
    await world.setUp({
      products: [
        { stock: 5, priceCents: 100 },
        { stock: 1, priceCents: 100 },
      ],
      customers: [{ budgetCents: 10_000 }, { budgetCents: 10_000 }, { budgetCents: 10_000 }],
    });
    commands = [];
  });

  /** The commands `work` sends (those it leaves to timers, like the live stock feed's read, aside). */
  async function sent<T>(work: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
    commands = [];
    const result = await work();
    const list = commands;
    commands = [];
    return { result, commands: list };
  }

  const holdsOf = async (id: Types.ObjectId) =>
    ((await db.collection("products").findOne({ _id: id }))!["holds"] as Array<{ orderId: Types.ObjectId }>).map((h) =>
      h.orderId.toHexString(),
    );

  it("sends takes that come together as one command, and tells each its own outcome from one read", async () => {
    const ledger = world.products.stockHolds;
    const [p0, p1] = world.productIds;
    const [a, b, c] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    const { result, commands } = await sent(() =>
      Promise.all([
        ledger.take(p0, a, "claim-a", 2),
        ledger.take(p1, b, "claim-b", 4), // more than there will ever be
        ledger.take(p1, c, "claim-c", 1),
      ]),
    );
    expect(commands).toEqual(["update", "find"]);
    expect(result.map((r) => r.held)).toEqual([true, false, true]);
    expect(result[1].states?.get(p1.toHexString())).toMatchObject({ available: 0, deleted: false });
    expect(await holdsOf(p0)).toEqual([a.toHexString()]);
    expect(await holdsOf(p1)).toEqual([c.toHexString()]);
  });

  it("says an order's lines are held only when the read finds every one of them under its claim", async () => {
    const ledger = world.products.stockHolds;
    const [p0, p1] = world.productIds;
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    const { result } = await sent(() =>
      Promise.all([
        ledger.takeAll(
          [
            { holderId: p0, amount: 1 },
            { holderId: p1, amount: 2 }, // short: the first line alone is taken
          ],
          a,
          "claim-a",
        ),
        ledger.takeAll(
          [
            { holderId: p0, amount: 1 },
            { holderId: p0, amount: 1 }, // one hold per order and holder: never both
          ],
          b,
          "claim-b",
        ),
      ]),
    );
    expect(result.map((r) => r.held)).toEqual([false, false]);
    expect([...result[0].states!.keys()].sort()).toEqual([p0.toHexString(), p1.toHexString()].sort());
    expect((await holdsOf(p0)).sort()).toEqual([a.toHexString(), b.toHexString()].sort());
  });

  it("sends a take alone as it did before grouping, with no read after it", async () => {
    const ledger = world.products.stockHolds;
    const [p0, p1] = world.productIds;
    const single = await sent(() => ledger.take(p0, new Types.ObjectId(), "claim-a", 1));
    expect(single.commands).toEqual(["findAndModify"]);
    expect(single.result).toEqual({ held: true, states: null });
    const lines = [
      { holderId: p0, amount: 1 },
      { holderId: p1, amount: 2 },
    ];
    const short = await sent(() => ledger.takeAll(lines, new Types.ObjectId(), "claim-b"));
    expect(short.commands).toEqual(["update"]);
    expect(short.result).toEqual({ held: false, states: null });
  });

  /** Places `count` orders of one unit each and claims them; their claimed documents. */
  async function claimed(count: number): Promise<OrderDocument[]> {
    const docs: OrderDocument[] = [];
    for (let i = 0; i < count; i++) {
      const view = await world.orders.place(
        { id: world.customerIds[i].toHexString(), role: Role.CUSTOMER },
        { items: [{ productId: world.productIds[0].toHexString(), quantity: 1 }] },
      );
      docs.push((await world.store.claim(view.id, `claim-${i}`, "worker", 60_000))!);
    }
    return docs;
  }

  it("sends commits that come together as one command; one whose claim is gone hears null", async () => {
    const [a, b, c] = await claimed(3);
    // c's claim is lost: its lease ran out and recovery sent it back to wait.
    await db.collection("orders").updateOne({ _id: c._id }, { $set: { status: OrderStatus.PENDING, claim: null } });
    const { result, commands } = await sent(() =>
      Promise.all([
        world.store.commit(a, "claim-0"),
        world.store.commit(b, "claim-1"),
        world.store.commit(c, "claim-2"),
      ]),
    );
    expect(commands).toEqual(["update", "find"]);
    expect(result[2]).toBeNull();
    for (const [i, order] of [a, b].entries()) {
      const stored = (await db.collection("orders").findOne({ _id: order._id }))!;
      expect(result[i]).toMatchObject({
        _id: order._id,
        status: OrderStatus.APPROVED,
        committedClaimId: `claim-${i}`,
        claim: null,
        processedAt: stored["processedAt"] as Date,
        waitMs: stored["waitMs"] as number,
        updatedAt: stored["updatedAt"] as Date,
      });
      expect(result[i]!.pendingLog).toEqual(expect.arrayContaining(stored["pendingLog"] as string[]));
    }
    expect((await db.collection("orders").findOne({ _id: c._id }))!["status"]).toBe(OrderStatus.PENDING);
  });

  it("sends commits that all apply as one command and no read", async () => {
    const orders = await claimed(3);
    const { result, commands } = await sent(() =>
      Promise.all(orders.map((order, i) => world.store.commit(order, `claim-${i}`))),
    );
    expect(commands).toEqual(["update"]);
    expect(result.map((order) => order?.status)).toEqual([
      OrderStatus.APPROVED,
      OrderStatus.APPROVED,
      OrderStatus.APPROVED,
    ]);
  });
});
