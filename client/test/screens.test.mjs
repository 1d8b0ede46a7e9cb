// Every screen, for every role, in both themes, on a desktop and on a phone: no serious or critical
// axe-core violation, nothing wider than a 390 px phone, one h1 and a title of its own; a skip link
// to the content; charts sized for the screen and drawn in the theme's colours.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { pageAs, screenshots, startStack } from "./harness.mjs";
import { axeViolations, chartFacts, pageFacts, switchTheme } from "./screens.mjs";
import { seedShop } from "./seed-shop.mjs";

const WAIT = { timeout: 20_000 };
const SIZES = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
];
const heading = (name) => (page) => page.getByRole("heading", { name, level: 1 });
const testId = (id) => (page) => page.getByTestId(id).first();

/** Each role's screens: where they are and what shows they have loaded. */
const SCREENS = {
  visitor: [
    { name: "home", path: "/", ready: heading("Welcome to OrderFlow") },
    { name: "login", path: "/login", ready: heading("Log in") },
    { name: "register", path: "/register", ready: heading("Create an account") },
    { name: "forgot password", path: "/forgot-password", ready: heading("Forgot your password?") },
    {
      name: "reset password",
      path: "/reset-password?token=from-the-mail",
      ready: (p) => p.getByLabel("New password", { exact: true }),
    },
    { name: "verify email", path: "/verify-email?token=not-a-real-token", ready: (p) => p.getByRole("alert") },
    { name: "not found", path: "/no/such/page", ready: heading("Page not found") },
    { name: "reset password (no link)", path: "/reset-password", ready: (p) => p.getByRole("alert") },
  ],
  customer: [
    { name: "home", path: "/", ready: testId("viewer") },
    { name: "products", path: "/products", ready: testId("product-row") },
    {
      name: "place order",
      path: "/orders/new",
      ready: async (page) => {
        const product = page.getByLabel("Product (line 1)");
        const shelf = await product.locator("option", { hasText: "Oak shelf" }).getAttribute("value");
        await product.selectOption(shelf);
        await page.getByLabel("Quantity (line 1)").fill("20");
        return page.getByTestId("budget-warning").or(page.getByText("More than the current stock"));
      },
    },
    { name: "orders", path: "/orders", ready: testId("order-row") },
    { name: "profile", path: "/profile", ready: testId("spending-history") },
    { name: "an admin's page", path: "/customers", ready: (p) => p.getByRole("alert") },
  ],
  admin: [
    { name: "home", path: "/", ready: testId("viewer") },
    { name: "products", path: "/products", ready: testId("product-row") },
    {
      name: "products (editing)",
      path: "/products",
      ready: async (page) => {
        await page.getByText("Add a product").click();
        await page.getByTestId("product-row").first().getByRole("button", { name: "Edit" }).click();
        return page.getByLabel("Stock (slider)").first();
      },
    },
    { name: "orders", path: "/orders", ready: testId("order-row") },
    {
      name: "orders (decided)",
      path: "/orders",
      // Olivia's decided orders, behind the backlog: Ship, Deliver and Cancel buttons.
      ready: async (page) => {
        await page.getByLabel("Customer").selectOption({ label: "Olivia Orders (olivia@example.com)" });
        for (const status of ["Approved", "Rejected", "Cancelled", "Shipped", "Delivered"])
          await page.getByLabel(status, { exact: true }).check();
        return page.getByRole("button", { name: "Deliver" }).first();
      },
    },
    { name: "customers", path: "/customers", ready: testId("customer-row") },
    {
      name: "customers (budget and new customer open)",
      path: "/customers",
      ready: async (page) => {
        await page.getByText("Add a customer").click();
        await page.getByTestId("customer-row").first().getByRole("button", { name: "Budget" }).click();
        return page.getByLabel("Adjust by").first();
      },
    },
    { name: "logs", path: "/logs", ready: testId("log-row") },
    { name: "integrations", path: "/integrations", ready: (p) => p.getByText("No webhook yet.") },
    {
      name: "integrations (adding a webhook)",
      path: "/integrations",
      ready: async (page) => {
        await page.getByText("Add a webhook").click();
        return page.getByLabel("order.placed");
      },
    },
    { name: "dashboard", path: "/dashboard", ready: (p) => p.locator("canvas").nth(1) },
    { name: "profile", path: "/profile", ready: testId("profile-details") },
  ],
};

let stack;
let tokens;
/** One entry per screen, theme and size checked. */
const results = [];

before(async () => {
  stack = await startStack({ SCHEDULER_CONCURRENCY: "1", SCHEDULER_DELAY_MS: "1000" });
  tokens = await seedShop(stack);
});
after(async () => {
  const failed = (result) => result.violations.length > 0;
  const byRule = {};
  for (const result of results)
    for (const violation of result.violations)
      byRule[violation.id] = (byRule[violation.id] ?? 0) + violation.targets.length;
  const summary = {
    checked: results.length,
    screens: new Set(results.map((r) => `${r.role} ${r.screen}`)).size,
    withViolations: results.filter(failed).length,
    violatingNodes: Object.values(byRule).reduce((sum, n) => sum + n, 0),
    violatingNodesByTheme: Object.fromEntries(
      ["light", "dark"].flatMap((theme) =>
        SIZES.map((size) => [
          `${theme}/${size.name}`,
          results
            .filter((r) => r.theme === theme && r.size === size.name)
            .reduce((sum, r) => sum + r.violations.reduce((n, v) => n + v.targets.length, 0), 0),
        ]),
      ),
    ),
    byRule,
    overflowing: results.filter((r) => r.overflow).map((r) => `${r.role} ${r.screen} ${r.theme}: ${r.scrollWidth}px`),
    h1NotOne: [
      ...new Set(results.filter((r) => r.h1.length !== 1).map((r) => `${r.role} ${r.screen}: ${r.h1.length}`)),
    ],
    titles: [...new Set(results.map((r) => r.title))].length,
  };
  console.log(`screens summary ${JSON.stringify(summary)}`);
  await stack?.stop();
});

/** Where the screen's picture goes: `.orderflow/screenshots/screen-<size>-<role>-<screen>-<theme>.png`. */
function screenshotPath({ role, screen, theme, size }) {
  const slug = `${size}-${role}-${screen}-${theme}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/-+$/, "");
  return join(screenshots, `screen-${slug}.png`);
}

/** Checks the screen as it is now, in the current theme, records the outcome and keeps a picture. */
async function check(page, record) {
  await page.screenshot({ path: screenshotPath(record) });
  const violations = await axeViolations(page);
  const facts = await pageFacts(page);
  results.push({ ...record, violations, ...facts, overflow: facts.scrollWidth > facts.innerWidth });
}

/** Problems of the recorded results that match `where`, one line each. */
function problems(where) {
  return results.filter(where).flatMap((r) => {
    const at = `${r.role} ${r.screen} (${r.theme}, ${r.size})`;
    return [
      ...r.violations.map((v) => `${at}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.slice(0, 4).join(" | ")}`),
      ...(r.overflow ? [`${at}: ${r.scrollWidth} px wide in a ${r.innerWidth} px window`] : []),
      ...(r.h1.length === 1 ? [] : [`${at}: ${r.h1.length} h1 elements`]),
    ];
  });
}

for (const size of SIZES) {
  test(`every screen at ${size.width}×${size.height} has no serious or critical axe violation in either theme, one h1, and fits`, async () => {
    for (const [role, screens] of Object.entries(SCREENS)) {
      const page = await pageAs(stack, role === "visitor" ? undefined : tokens[role]);
      // Bootstrap drops its colour transitions: axe measures the settled colours right after a theme switch.
      await page.emulateMedia({ reducedMotion: "reduce" });
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const screen of screens) {
        await page.goto(`${stack.url}${screen.path}`);
        await (await screen.ready(page)).waitFor(WAIT);
        const current = await page.evaluate(() => document.documentElement.getAttribute("data-bs-theme"));
        for (const theme of current === "dark" ? ["dark", "light"] : ["light", "dark"]) {
          await switchTheme(page, theme);
          await check(page, { role, screen: screen.name, path: screen.path, theme, size: size.name });
        }
      }
      await page.close();
    }
    const found = problems((r) => r.size === size.name);
    assert.deepEqual(found, [], `${found.length} problems:\n${found.join("\n")}`);
  });
}

test("every page has a title of its own", () => {
  // Screens named "x (variant)" are page x in another state: one page, one title.
  const pageOf = (result) => result.screen.replace(/ \(.*\)$/, "");
  const titles = new Map();
  for (const result of results)
    titles.set(pageOf(result), new Set([...(titles.get(pageOf(result)) ?? []), result.title]));
  assert.ok(titles.size >= 15, `${titles.size} pages checked`);
  for (const [page, seen] of titles) {
    assert.equal(seen.size, 1, `${page} has one title: ${[...seen].join(", ")}`);
    assert.match([...seen][0], /· OrderFlow$/, `${page} names the application`);
  }
  const all = [...titles.values()].map((seen) => [...seen][0]);
  assert.deepEqual(
    all.filter((title, index) => all.indexOf(title) !== index),
    [],
    `titles shared by pages: ${JSON.stringify(Object.fromEntries([...titles].map(([p, t]) => [p, [...t][0]])))}`,
  );
});

test("the first Tab reaches a skip link that moves the focus to the page's main content", async () => {
  const page = await pageAs(stack, tokens.admin);
  await page.goto(`${stack.url}/customers`);
  await page.getByTestId("customer-row").first().waitFor(WAIT);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  assert.equal(await skip.count(), 1, "a skip link");
  assert.ok(await skip.evaluate((link) => link === document.activeElement), "the skip link comes first");
  assert.ok(await skip.isVisible(), "it shows when focused");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "MAIN");
  // The next Tab goes on from the content, past the navigation.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.closest("main") !== null), true);
  await page.close();
});

test("the dashboard's charts keep their height on a phone and draw in the theme's colours", async () => {
  const page = await pageAs(stack, tokens.admin);
  await page.emulateMedia({ reducedMotion: "reduce" });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(`${stack.url}/dashboard`);
    await page.locator("canvas").nth(1).waitFor(WAIT);
    for (const theme of ["light", "dark"]) {
      await switchTheme(page, theme);
      // Chart.js redraws on the next frame after the new colours arrive.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const { canvases, swatches } = await chartFacts(page);
      const at = `${theme}, ${size.name}: ${JSON.stringify({ canvases, swatches })}`;
      assert.equal(canvases.length, 2, at);
      for (const canvas of canvases)
        assert.ok(canvas.height >= 200, `${canvas.label} is ${canvas.height} px high (${at})`);
      // Axis labels and the legend are in the card's text colour, whatever the theme.
      assert.ok(canvases[1].textPixels >= 50, `throughput text in the theme's colour (${at})`);
      // Every status, DELIVERED included, stands out from the card.
      assert.equal(swatches.length, 7, at);
      for (const swatch of swatches) assert.ok(swatch.contrast >= 1.5, `${swatch.status} against the card (${at})`);
    }
  }
  await page.close();
});
