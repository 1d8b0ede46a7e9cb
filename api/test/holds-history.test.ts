import { Types, type mongo } from "mongoose";
import { InterleavingController } from "../tools/explorer/controller";
import { checkInvariants } from "../tools/invariants";
import { World } from "../tools/explorer/world";
import { OrderStatus } from "../src/modules/orders";
import { Role } from "../src/modules/users";
import { useModelDatabase } from "./helpers/database";

const HISTORY = 2_000;

/**
 * Finding 3: version 1 kept every approved order's holds on the product and customer documents
 * until shipment, so every take scanned a growing array and recovery read every hold. Version 2
 * settles committed holds after commit: the documents carry only what is in flight, and the
 * pipeline's work per order, and recovery's per pass, do not grow with history.
 */
describe("holds with 2,000 approved, unshipped orders on one product (finding 3)", () => {
  const database = useModelDatabase("history", { monitorCommands: true });
  let db: mongo.Db;
  let world: World;
  let commands: string[] = [];

  beforeAll(async () => {
    db = database().connection.db!;
    database()
      .connection.getClient()
      .on("commandStarted", (event) => commands.push(event.commandName));
    const controller = new InterleavingController(() => Promise.resolve());
    controller.free = true;
    world = new World(db, controller, new Set());
    await world.setUp({
      products: [
        { stock: HISTORY + 10, priceCents: 100 },
        { stock: 10, priceCents: 100 },
      ],
      customers: [{ budgetCents: (HISTORY + 10) * 100 }, { budgetCents: 1000 }],
    });
  });

  /** The database commands `work` sends. */
  async function count(work: () => Promise<unknown>): Promise<string[]> {
    commands = [];
    await work();
    const sent = commands;
    commands = [];
    return sent;
  }

  /**
   * Waits until no command has been sent for a while: orders processed together share their takes
   * in one bulk command, after which the live stock feed reads the holders moved (50 ms later).
   */
  async function quiet(): Promise<void> {
    do {
      commands = [];
      await new Promise((resolve) => setTimeout(resolve, 150));
    } while (commands.length > 0);
  }

  /** Places and processes one order of one unit of product `p` for customer `c`. */
  async function orderOne(p: number, c: number): Promise<string> {
    const view = await world.orders.place(
      { id: world.customerIds[c].toHexString(), role: Role.CUSTOMER },
      { items: [{ productId: world.productIds[p].toHexString(), quantity: 1 }] },
    );
    await world.newProcess("W").processor.process(view.id);
    return view.id;
  }

  it("costs the same commands per order, and per recovery pass, as with no history", async () => {
    await world.recovery.run(); // the process's first pass also announces older refunds, once
    // The price book and the account facts read a product and a customer once, as the history
    // below does for the hot pair: measure both runs with them known.
    await orderOne(1, 1);
    await quiet();
    const before = {
      order: await count(() => orderOne(1, 1)),
      recovery: await count(() => world.recovery.run()),
      take: await count(() => world.products.stockHolds.take(world.productIds[1], new Types.ObjectId(), "probe", 1)),
    };
    await world.recovery.run(); // gives the probe's hold back

    // 2,000 approved orders of the hot product, four at a time, none shipped.
    const ids: string[] = [];
    for (let i = 0; i < HISTORY; i += 4) {
      ids.push(...(await Promise.all(Array.from({ length: Math.min(4, HISTORY - i) }, () => orderOne(0, 0)))));
    }
    // The history, and the two orders of the other product before it.
    expect(await db.collection("orders").countDocuments({ status: OrderStatus.APPROVED })).toBe(HISTORY + 2);
    const hot = await db.collection("products").findOne({ _id: world.productIds[0] });
    const buyer = await db.collection("users").findOne({ _id: world.customerIds[0] });
    // In flight now: none. The documents hold no more holds than that.
    expect([hot?.["holds"], buyer?.["holds"]]).toEqual([[], []]);

    await quiet();
    const after = {
      order: await count(() => orderOne(0, 0)),
      recovery: await count(() => world.recovery.run()),
      take: await count(() => world.products.stockHolds.take(world.productIds[0], new Types.ObjectId(), "probe", 1)),
    };
    console.log(
      `commands per order ${before.order.length} → ${after.order.length} with ${HISTORY} approved orders; recovery pass ${before.recovery.length} → ${after.recovery.length}; take ${before.take.length} → ${after.take.length}`,
    );
    expect(after.order).toEqual(before.order);
    expect(after.recovery).toEqual(before.recovery);
    expect(after.take).toEqual(before.take);
    expect(after.take).toHaveLength(1);
  }, 240_000);

  it("keeps the invariants after the history and the probes", async () => {
    await world.recovery.run();
    expect(await checkInvariants(db, { drained: true })).toEqual([]);
  });
});
