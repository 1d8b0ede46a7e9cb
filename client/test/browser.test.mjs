// The web client's frame in a real browser: the home page, logging in and out, the theme switch,
// the not-found page, and an expired session.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pageAs, screenshotBothThemes, startStack } from "./harness.mjs";

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

test("the home page welcomes a visitor and says the service is online", async () => {
  const page = await pageAs(stack);
  await page.getByTestId("readiness").getByText("OrderFlow is online.").waitFor({ timeout: 15_000 });
  await page.getByRole("heading", { name: "Welcome to OrderFlow" }).waitFor();
  await screenshotBothThemes(page, "home-anonymous");
  await page.close();
});

test("an admin logs in with the form, sees the admin navigation, and logs out", async () => {
  const page = await pageAs(stack);
  await page.getByRole("navigation").getByRole("link", { name: "Log in" }).click();
  const { email, password } = stack.admin();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await screenshotBothThemes(page, "login");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByTestId("viewer").getByText("Logged in as").waitFor({ timeout: 15_000 });
  assert.match(await page.getByTestId("viewer").textContent(), /Logged in as admin@orderflow\.local, admin/);
  for (const item of ["Dashboard", "Customers", "Logs"])
    await page.getByRole("link", { name: item, exact: true }).waitFor();
  await screenshotBothThemes(page, "home-admin");
  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByRole("heading", { name: "Log in" }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("orderflow.token")), null);
  await page.close();
});

test("a wrong password is refused with a readable message", async () => {
  const page = await pageAs(stack);
  await page.goto(`${stack.url}/login`);
  await page.getByLabel("Email").fill("admin@orderflow.local");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("alert").getByText("The email or password is not correct.").waitFor({ timeout: 15_000 });
  await page.close();
});

test("the theme switch changes the colour mode and survives a reload", async () => {
  const page = await pageAs(stack);
  const initial = await page.evaluate(() => document.documentElement.getAttribute("data-bs-theme"));
  await page.getByTestId("theme-toggle").click();
  const switched = await page.evaluate(() => document.documentElement.getAttribute("data-bs-theme"));
  assert.notEqual(switched, initial);
  await page.reload();
  await page.getByTestId("theme-toggle").waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-bs-theme")), switched);
  await page.close();
});

test("an unknown address shows the not-found page", async () => {
  const page = await pageAs(stack);
  await page.goto(`${stack.url}/no/such/page`);
  await page.getByRole("heading", { name: "Page not found" }).waitFor({ timeout: 15_000 });
  await screenshotBothThemes(page, "not-found");
  await page.close();
});

test("a session the API no longer accepts returns to the login page", async () => {
  const token = await stack.adminToken();
  const page = await pageAs(stack, token);
  await page.getByTestId("viewer").getByText("Logged in as").waitFor({ timeout: 15_000 });
  await stack.graphql("mutation { logout }", {}, token);
  await page.getByText("Your session has ended. Please log in again.").waitFor({ timeout: 15_000 });
  assert.equal(await page.evaluate(() => localStorage.getItem("orderflow.token")), null);
  await page.close();
});

test("pages run under a strict Content-Security-Policy: an injected inline script does not run", async () => {
  const page = await pageAs(stack);
  const response = await page.goto(`${stack.url}/login`);
  assert.match(response.headers()["content-security-policy"] ?? "", /script-src 'self'/);
  assert.equal(response.headers()["x-frame-options"], "DENY");
  const before = stack.cspViolations.length;
  const ran = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return window.injected === true;
  });
  assert.equal(ran, false);
  await page.waitForTimeout(200);
  // The refusal was reported; it is this test's own, so it does not fail the stack.
  assert.ok(stack.cspViolations.length > before, "the refused inline script was reported");
  stack.cspViolations.splice(before);
  await page.close();
});

test("logging out revokes the session's token on the server, not only in the browser", async () => {
  const page = await pageAs(stack, await stack.adminToken());
  await page.getByTestId("viewer").getByText("Logged in as").waitFor({ timeout: 15_000 });
  const token = await page.evaluate(() => localStorage.getItem("orderflow.token"));
  const me = async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    return response.json();
  };
  assert.ok((await me()).data?.me?.id, "the token works while logged in");
  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByRole("heading", { name: "Log in" }).waitFor();
  assert.equal((await me()).errors?.[0]?.extensions?.code, "UNAUTHENTICATED");
  await page.close();
});

test("an admin's profile shows no tier, budget or spending history: those are a customer's", async () => {
  const page = await pageAs(stack, await stack.adminToken());
  await page.goto(`${stack.url}/profile`);
  const details = page.getByTestId("profile-details");
  await details.waitFor({ timeout: 15_000 });
  assert.match(await details.textContent(), /Admin/);
  assert.doesNotMatch(await details.textContent(), /Tier/);
  assert.equal(await page.getByTestId("profile-balance").count(), 0);
  assert.equal(await page.getByRole("heading", { name: "Spending history" }).count(), 0);
  await page.close();
});

test("on a phone the menu folds behind a toggler, opens on demand and closes on navigation", async () => {
  const page = await pageAs(stack, await stack.adminToken());
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId("viewer").getByText("Logged in as").waitFor({ timeout: 15_000 });
  const customers = page.getByRole("link", { name: "Customers", exact: true });
  assert.equal(await customers.isVisible(), false, "the menu starts folded");
  const navHeight = await page.evaluate(() => document.querySelector("nav").getBoundingClientRect().height);
  assert.ok(navHeight < 100, `the folded navigation takes ${navHeight} px`);
  await page.getByRole("button", { name: "Open the menu" }).click();
  await customers.waitFor({ state: "visible" });
  await customers.click();
  await page.getByRole("heading", { name: "Customers" }).waitFor({ timeout: 15_000 });
  assert.equal(await page.getByRole("link", { name: "Logs", exact: true }).isVisible(), false, "closed again");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  await page.close();
});
