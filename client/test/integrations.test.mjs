// The integrations page in a real browser: an admin creates an API token (its secret shown once,
// with a copy button), the token works against the API, and revoking it (after a confirmation)
// refuses it at once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, startStack } from "./harness.mjs";

const TIMEOUT = { timeout: 15_000 };
let stack;
let adminToken;

before(async () => {
  stack = await startStack();
  adminToken = await stack.adminToken();
});
after(async () => {
  await stack?.stop();
});

/** The first error code the API answers the token with, or "ok". */
async function answerTo(token) {
  const response = await fetch(`${stack.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ orders(first: 1) { totalCount } }" }),
  });
  const body = await response.json();
  return body.errors?.[0]?.extensions?.code ?? "ok";
}

test("an admin creates an API token, sees it once, and revokes it", async () => {
  const page = await pageAs(stack, adminToken);
  await page.goto(`${stack.url}/`);
  await page.getByRole("link", { name: "Integrations" }).click();
  await page.getByRole("heading", { name: "API tokens" }).waitFor(TIMEOUT);
  await page.getByText("No API token yet.").waitFor(TIMEOUT);

  await page.getByText("Create an API token").click();
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByRole("button", { name: "Create token" }).click();
  await form.getByText("Choose at least one scope.").waitFor(TIMEOUT);
  await form.getByLabel("Name", { exact: true }).fill("Warehouse");
  await form.getByLabel("orders:read").check();
  await form.getByLabel("fulfilment:write").check();
  await form.getByRole("button", { name: "Create token" }).click();

  const secret = page.getByTestId("new-api-token");
  await secret.waitFor(TIMEOUT);
  const token = await secret.inputValue();
  assert.match(token, /^of_[A-Za-z0-9_-]{43}$/);
  await page.getByText("it is shown this once").waitFor(TIMEOUT);
  await page.getByRole("button", { name: "Copy" }).click();
  await page.getByText(/Copied to the clipboard|select the token and copy it/).waitFor(TIMEOUT);
  assert.equal(await answerTo(token), "ok");

  const row = page.getByTestId("api-token-row").filter({ hasText: "Warehouse" });
  await row.getByText("orders:read").waitFor(TIMEOUT);
  await row.getByText("fulfilment:write").waitFor(TIMEOUT);
  await page.getByRole("button", { name: "I have copied it" }).click();
  assert.equal(await page.getByTestId("new-api-token").count(), 0, "the secret is gone once dismissed");

  await row.getByRole("button", { name: "Revoke Warehouse" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke “Warehouse”?" });
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await row.getByText(/^Revoked/).waitFor(TIMEOUT);
  assert.equal(await answerTo(token), "UNAUTHENTICATED");

  await page.reload();
  await page
    .getByTestId("api-token-row")
    .filter({ hasText: "Warehouse" })
    .getByText(/^Revoked/)
    .waitFor(TIMEOUT);
  assert.equal(await page.getByText(token).count(), 0, "the secret is never shown again");
});
