import type { mongo } from "mongoose";
import { World } from "../../tools/explorer/world";
import { Role } from "../../src/modules/users";
import { Script } from "./script";

/**
 * An explorer world with one product and one customer whose single order has just been approved,
 * and a script, held again, to move the next actors step by step.
 */
export async function approvedOrderWorld(db: mongo.Db) {
  const script = new Script();
  const world = new World(db, script.controller, new Set());
  await world.setUp({ products: [{ stock: 5, priceCents: 100 }], customers: [{ budgetCents: 1000 }] });
  script.controller.free = true;
  const items = [{ productId: world.productIds[0].toHexString(), quantity: 1 }];
  const customer = { id: world.customerIds[0].toHexString(), role: Role.CUSTOMER };
  const { id } = await world.orders.place(customer, { items, idempotencyKey: null });
  await world.newProcess("W").processor.process(id);
  script.controller.free = false;
  return { script, world, id };
}
