import mongoose from "mongoose";
import { isDuplicateKeyError } from "../db/duplicate-key";
import { ConflictError } from "../graphql/errors";
import type { Logger } from "../logger";
import { LogType, type LogService } from "../modules/logs";
import type { ProductService } from "../modules/products";
import { CustomerTier, Role, type CustomerService, type UserService } from "../modules/users";

const PRODUCTS = [
  { name: "Espresso beans, 1 kg", description: "Dark roast, single origin.", priceCents: 2490, stock: 60 },
  { name: "Ceramic mug", description: "350 ml, dishwasher safe.", priceCents: 1290, stock: 120 },
  { name: "Pour-over kettle", description: "Gooseneck, 1 l.", priceCents: 4990, stock: 25 },
  { name: "Hand grinder", description: "Conical burrs, 40 settings.", priceCents: 8990, stock: 12 },
  { name: "Paper filters (100)", description: "Size 02.", priceCents: 590, stock: 300 },
  { name: "Milk frother", description: "Battery powered.", priceCents: 1990, stock: 40 },
  { name: "Limited edition tin", description: "Only a few made.", priceCents: 3490, stock: 5 },
  { name: "Barista course voucher", description: "Two hours, hands on.", priceCents: 12900, stock: 8 },
];

const CUSTOMERS = [
  { name: "Ada Lovelace", email: "ada@demo.orderflow.local", tier: CustomerTier.PREMIUM, budgetCents: 50_000 },
  { name: "Grace Hopper", email: "grace@demo.orderflow.local", tier: CustomerTier.PREMIUM, budgetCents: 30_000 },
  { name: "Alan Turing", email: "alan@demo.orderflow.local", tier: CustomerTier.STANDARD, budgetCents: 20_000 },
  {
    name: "Katherine Johnson",
    email: "katherine@demo.orderflow.local",
    tier: CustomerTier.STANDARD,
    budgetCents: 15_000,
  },
  { name: "Edsger Dijkstra", email: "edsger@demo.orderflow.local", tier: CustomerTier.STANDARD, budgetCents: 8_000 },
  { name: "Barbara Liskov", email: "barbara@demo.orderflow.local", tier: CustomerTier.STANDARD, budgetCents: 5_000 },
];

export interface DemoServices {
  readonly users: UserService;
  readonly customers: CustomerService;
  readonly products: ProductService;
  readonly logs: LogService;
  readonly logger: Logger;
}

/**
 * Fills an empty development database with products and customers to try OrderFlow with (a
 * database that has any product is left alone). The customers log in with `password`.
 * @returns the demo customers' emails, or an empty list when nothing was seeded.
 */
export async function seedDemoData(services: DemoServices, adminEmail: string, password: string): Promise<string[]> {
  const admin = await services.users.findActiveByEmail(adminEmail);
  if (admin === null || admin.role !== Role.ADMIN || (await services.products.countActive()) > 0) return [];
  // Several instances may start at once: only the one that writes this marker seeds.
  try {
    await mongoose.connection.collection<{ _id: string }>("markers").insertOne({ _id: "demo-data" });
  } catch (error) {
    if (isDuplicateKeyError(error)) return [];
    throw error;
  }
  const actor = { id: admin.id, role: Role.ADMIN };
  for (const product of PRODUCTS) await services.products.create(actor, product);
  const emails: string[] = [];
  for (const customer of CUSTOMERS) {
    try {
      await services.customers.create(actor, { ...customer, password });
      emails.push(customer.email);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // someone registered that address already
    }
  }
  await services.logs.record({
    type: LogType.SYSTEM,
    message: `Demo data: ${PRODUCTS.length} products and ${emails.length} customers`,
  });
  services.logger.info({ customers: emails }, "demo data created");
  return emails;
}
