// The whole customer journey in one browser, as the web client issue asks: register, read the
// mail from the SMTP peer, verify, log in, place an order, and watch it go PENDING → APPROVED
// without a reload (the admin grants the budget meanwhile, through the API).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, startStack } from "./harness.mjs";

const WAIT = { timeout: 20_000 };
let stack;

before(async () => {
  stack = await startStack({ SCHEDULER_DELAY_MS: "400" });
});
after(async () => {
  await stack?.stop();
});

/** Waits for the newest mail to `to` with a link to `path`; returns that link on the test stack. */
async function mailedLink(to, path) {
  for (let tries = 0; tries < 150; tries += 1) {
    for (const mail of [...stack.mails].reverse()) {
      const match = new RegExp(`https?://\\S+(${path}\\?token=[^\\s<>"]+)`).exec(mail.text);
      if (mail.to === to && match) return `${stack.url}${match[1]}`;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no mail to ${to} with a ${path} link`);
}

test("register → mail → verify → log in → place an order → PENDING to APPROVED live", async () => {
  const adminToken = await stack.adminToken();
  const { createProduct: product } = await stack.graphql(
    "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
    { i: { name: "Journey mug", priceCents: 1_500, stock: 10 } },
    adminToken,
  );
  const email = "journey@example.com";
  const password = "amber forest lantern 31";

  const page = await pageAs(stack);
  await page.goto(`${stack.url}/register`);
  await page.getByLabel("Name").fill("Jo Journey");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Check your mail" }).waitFor(WAIT);

  await page.goto(await mailedLink(email, "/verify-email"));
  await page.getByRole("status").getByText("Your email address is confirmed.").waitFor(WAIT);

  await page.goto(`${stack.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByTestId("nav-viewer").getByText("Jo Journey").waitFor(WAIT);

  // A new customer has no budget: the admin grants some.
  const { users } = await stack.graphql(
    "query($s: String) { users(filter: { search: $s }) { nodes { id } } }",
    { s: email },
    adminToken,
  );
  await stack.graphql(
    "mutation($id: ID!) { setBudget(userId: $id, budgetCents: 10000) { id } }",
    { id: users.nodes[0].id },
    adminToken,
  );

  await page.goto(`${stack.url}/orders/new`);
  await page.getByLabel("Product (line 1)").selectOption(product.id);
  await page.getByLabel("Quantity (line 1)").fill("2");
  await page.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL(`${stack.url}/orders`, WAIT);
  const row = page.getByTestId("order-row").first();
  await row.waitFor(WAIT);
  const badge = row.getByTestId("order-status");
  const seen = [];
  const deadline = Date.now() + 20_000;
  while (seen.at(-1) !== "APPROVED" && Date.now() < deadline) {
    const text = (await badge.textContent())?.trim();
    if (text && seen.at(-1) !== text) seen.push(text);
    await page.waitForTimeout(50);
  }
  assert.equal(seen.at(-1), "APPROVED", `saw ${seen.join(" → ")}`);
  assert.ok(["PENDING", "PROCESSING"].includes(seen[0]), `the order first showed ${seen[0]}: not a live change`);
  await page.close();
});
