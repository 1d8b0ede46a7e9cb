// The webhooks section of the integrations page in a real browser, against a real receiver on
// 127.0.0.1 (the test API allows private addresses): an admin adds an endpoint and sees its signing
// secret once, the deliveries of placed orders are listed with their answers a page at a time,
// redelivering shows what came of it, and the endpoint is disabled, edited, enabled and deleted.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { Webhook } from "standardwebhooks";
import { pageAs, screenshotBothThemes, startStack } from "./harness.mjs";
import { axeViolations, switchTheme } from "./screens.mjs";

const TIMEOUT = { timeout: 15_000 };
/** One more than a page of the deliveries list (10), so that "Load more" has a page to load. */
const ORDERS = 11;

let stack;
let adminToken;
let page;
let receiver;
let secret;

/** The receiver: it keeps every POST and answers `status` (200 until a test says otherwise). */
function startReceiver() {
  const state = { status: 200, received: [] };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      state.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(state.status).end();
    });
  });
  return new Promise((ready) =>
    server.listen(0, "127.0.0.1", () =>
      ready({ state, server, url: `http://127.0.0.1:${server.address().port}/orderflow-hook` }),
    ),
  );
}

/** Resolves once `condition()` holds, asking again as the receiver gets requests. */
async function until(condition, what) {
  const deadline = Date.now() + TIMEOUT.timeout;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `gave up waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** A customer and a product in stock, then `count` orders placed for that customer through the API. */
async function placeOrders(count) {
  const { createProduct } = await stack.graphql(
    "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
    { i: { name: "Walnut desk", description: "Made to last", priceCents: 1_000, stock: 1_000 } },
    adminToken,
  );
  const { createCustomer } = await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    {
      i: {
        name: "Olivia Orders",
        email: "olivia@example.com",
        password: "a long customer password",
        tier: "STANDARD",
        budgetCents: 1_000_000,
      },
    },
    adminToken,
  );
  for (let n = 0; n < count; n += 1)
    await stack.graphql(
      "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }",
      { i: { customerId: createCustomer.id, items: [{ productId: createProduct.id, quantity: 1 }] } },
      adminToken,
    );
}

const placedIds = () =>
  new Set(
    receiver.state.received
      .filter((r) => JSON.parse(r.body).type === "order.placed")
      .map((r) => r.headers["webhook-id"]),
  );
const card = () => page.getByTestId("webhook");
const rows = () => card().getByTestId("webhook-delivery");

before(async () => {
  receiver = await startReceiver();
  stack = await startStack();
  adminToken = await stack.adminToken();
  page = await pageAs(stack, adminToken);
});
after(async () => {
  await stack?.stop();
  if (receiver) {
    receiver.server.closeAllConnections();
    await new Promise((done) => receiver.server.close(done));
  }
});

test("an admin adds a webhook, sees a refused URL's reason under the field, and its signing secret once", async () => {
  await page.goto(`${stack.url}/integrations`);
  await page.getByRole("heading", { name: "Webhooks", level: 2 }).waitFor(TIMEOUT);
  await page.getByText("No webhook yet.").waitFor(TIMEOUT);

  await page.getByText("Add a webhook").click();
  const form = page.getByRole("form", { name: "Add a webhook" });
  await form.getByRole("button", { name: "Add webhook" }).click();
  await form.getByText("Enter the URL that receives the events.").waitFor(TIMEOUT);
  await form.getByText("Choose at least one event.").waitFor(TIMEOUT);

  // The API's own refusal (the scheme: private addresses are allowed in this stack), under the URL.
  await form.getByLabel("URL", { exact: true }).fill("ftp://127.0.0.1/hook");
  await form.getByLabel("order.placed").check();
  await form.getByRole("button", { name: "Add webhook" }).click();
  await form.getByText("The URL must start with http:// or https://.").waitFor(TIMEOUT);
  assert.equal(await form.getByLabel("URL", { exact: true }).getAttribute("aria-invalid"), "true");

  await form.getByLabel("URL", { exact: true }).fill(receiver.url);
  await form.getByLabel("Description (optional)").fill("The test's receiver");
  await form.getByRole("button", { name: "Add webhook" }).click();
  const shown = page.getByTestId("new-webhook-secret");
  await shown.waitFor(TIMEOUT);
  secret = await shown.inputValue();
  assert.match(secret, /^whsec_[A-Za-z0-9+/=]+$/);
  await page.getByText("it is shown this once").waitFor(TIMEOUT);
  await page.getByRole("button", { name: "Copy the signing secret" }).click();
  await page.getByText(/Copied to the clipboard|select the signing secret and copy it/).waitFor(TIMEOUT);

  await card().getByRole("heading", { name: receiver.url }).waitFor(TIMEOUT);
  assert.equal(await card().getByTestId("webhook-state").textContent(), "Enabled");
  await card().getByText("The test's receiver").waitFor(TIMEOUT);
  await page.getByRole("button", { name: "I have copied it" }).click();
  assert.equal(await page.getByTestId("new-webhook-secret").count(), 0, "the secret is gone once dismissed");
  await page.reload();
  await card().getByRole("heading", { name: receiver.url }).waitFor(TIMEOUT);
  assert.equal(await page.getByText(secret).count(), 0, "the secret is never shown again");
});

test("the deliveries of placed orders are listed as delivered with their response codes, a page at a time", async () => {
  await placeOrders(ORDERS);
  await until(() => placedIds().size === ORDERS, `${ORDERS} order.placed deliveries`);
  // Each POST is signed with the secret the page showed.
  for (const { headers, body } of receiver.state.received) new Webhook(secret).verify(body, headers);

  await card()
    .getByRole("button", { name: `Deliveries ${receiver.url}` })
    .click();
  await rows().nth(9).waitFor(TIMEOUT);
  assert.equal(await rows().count(), 10, "a page of deliveries");
  await card().getByRole("button", { name: "Load more" }).click();
  await rows()
    .nth(ORDERS - 1)
    .waitFor(TIMEOUT);
  await card().getByText(`Showing ${ORDERS} of ${ORDERS}`).waitFor(TIMEOUT);
  // A delivery recorded just after the list was read shows once the list's poll reads it.
  await page.waitForFunction(
    (count) =>
      [...document.querySelectorAll("[data-testid=delivery-status]")].filter((s) => s.textContent === "Delivered")
        .length === count,
    ORDERS,
    TIMEOUT,
  );
  const listed = await rows().evaluateAll((trs) =>
    trs.map((tr) => ({
      eventId: tr.querySelector("td .font-monospace").textContent,
      response: tr.querySelector("[data-testid=delivery-response]").textContent,
    })),
  );
  assert.deepEqual(new Set(listed.map((row) => row.eventId)), placedIds(), "one row per event received");
  assert.deepEqual(new Set(listed.map((row) => row.response)), new Set(["200"]));
});

test("redelivering to a failing receiver shows the failure, and to a working one the success", async () => {
  const first = rows().first();
  const eventId = await first.locator("td .font-monospace").textContent();
  const sent = () => receiver.state.received.filter((r) => r.headers["webhook-id"] === eventId).length;
  const before = sent();

  receiver.state.status = 500;
  await first.getByRole("button", { name: /^Redeliver/ }).click();
  await first.getByText(/^Redelivery failed \(HTTP 500\)\. Next attempt /).waitFor(TIMEOUT);
  assert.equal(await first.getByTestId("delivery-status").textContent(), "Retrying");
  assert.equal(await first.getByTestId("delivery-response").textContent(), "500");
  assert.equal(sent(), before + 1, "sent again with the same webhook-id");
  // The list polled its first page meanwhile and kept the page loaded below it.
  assert.equal(await rows().count(), ORDERS);

  receiver.state.status = 200;
  await first.getByRole("button", { name: /^Redeliver/ }).click();
  await first.getByText("Redelivered: the endpoint answered HTTP 200.").waitFor(TIMEOUT);
  assert.equal(await first.getByTestId("delivery-status").textContent(), "Delivered");
  assert.equal(sent(), before + 2);
});

test("the webhook section, deliveries open, has no serious or critical axe violation in either theme", async () => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  for (const theme of ["light", "dark"]) {
    await switchTheme(page, theme);
    assert.deepEqual(await axeViolations(page), [], `${theme} theme`);
  }
  await screenshotBothThemes(page, "integrations-webhooks");
});

test("an admin disables, edits, enables and then deletes the webhook after a confirmation", async () => {
  await card()
    .getByRole("button", { name: `Disable ${receiver.url}` })
    .click();
  await card().getByTestId("webhook-state").getByText("Disabled").waitFor(TIMEOUT);
  await card()
    .getByTestId("webhook-disabled-reason")
    .getByText(/^Disabled by an admin/)
    .waitFor(TIMEOUT);

  await card()
    .getByRole("button", { name: `Edit ${receiver.url}` })
    .click();
  const form = page.getByRole("form", { name: `Edit the webhook ${receiver.url}` });
  await form.getByLabel("Description (optional)").fill("The ERP");
  await form.getByLabel("product.deleted").check();
  await form.getByRole("button", { name: "Save changes" }).click();
  await card().getByText("Saved the changes.").waitFor(TIMEOUT);
  await card().getByText("The ERP").waitFor(TIMEOUT);
  await card().getByText("product.deleted").waitFor(TIMEOUT);

  await card()
    .getByRole("button", { name: `Enable ${receiver.url}` })
    .click();
  await card().getByTestId("webhook-state").getByText("Enabled").waitFor(TIMEOUT);

  await card()
    .getByRole("button", { name: `Delete ${receiver.url}` })
    .click();
  const dialog = page.getByRole("dialog", { name: "Delete this webhook?" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  assert.equal(await card().count(), 1, "cancelling keeps it");
  await card()
    .getByRole("button", { name: `Delete ${receiver.url}` })
    .click();
  await dialog.getByRole("button", { name: "Delete webhook" }).click();
  await page.getByText("No webhook yet.").waitFor(TIMEOUT);
  const { webhooks } = await stack.graphql("{ webhooks { id } }", {}, adminToken);
  assert.deepEqual(webhooks, []);
});
