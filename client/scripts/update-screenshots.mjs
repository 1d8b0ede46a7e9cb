#!/usr/bin/env node
// Copies the main screens from the last browser-test run (.orderflow/screenshots/) into
// client/screenshots/, the images the README shows. `npm run screenshots` runs the tests first.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const from = join(root, ".orderflow", "screenshots");
const to = join(root, "client", "screenshots");
const MAIN_SCREENS = [
  "dashboard-light",
  "orders-customer-light",
  "place-order-light",
  "products-admin-light",
  "customers-dark",
  "logs-dark",
  "profile-premium-light",
  "register-done-light",
  "integrations-webhooks-light",
  // Phone-sized (390×844), from client/test/screens.test.mjs.
  "screen-phone-customer-home-light",
  "screen-phone-customer-products-dark",
  "screen-phone-admin-orders-decided-light",
  "screen-phone-admin-dashboard-dark",
];

mkdirSync(to, { recursive: true });
const missing = MAIN_SCREENS.filter((name) => !existsSync(join(from, `${name}.png`)));
if (missing.length > 0) {
  console.error(`missing screenshots (run the browser tests first): ${missing.join(", ")}`);
  process.exit(1);
}
for (const name of MAIN_SCREENS) copyFileSync(join(from, `${name}.png`), join(to, `${name}.png`));
console.log(`copied ${MAIN_SCREENS.length} screenshots to ${to}`);
