// The account screens in a real browser: registering (with 2FA chosen), confirming the address from
// the mail, the profile (details, name, password, 2FA), and a forgotten password reset by mail.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { generate } from "otplib";
import { pageAs, screenshotBothThemes, startStack } from "./harness.mjs";

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

const WAIT = { timeout: 15_000 };
const email = "ada@example.com";
let password = "first-password-1";
/** The 2FA secret shown at registration, pending until the profile confirms it. */
let registrationSecret = "";

/** The newest mail to `to` whose text has a link to `path`, as a path and query on the test stack. */
async function mailedLink(to, path) {
  for (let tries = 0; tries < 150; tries += 1) {
    for (const mail of [...stack.mails].reverse()) {
      const match = new RegExp(`https?://\\S+(${path}\\?token=[^\\s<>"]+)`).exec(mail.text);
      if (mail.to === to && match) return `${stack.url}${match[1]}`;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no mail to ${to} with a ${path} link: ${JSON.stringify(stack.mails)}`);
}

async function logIn(page, address, secret) {
  await page.goto(`${stack.url}/login`);
  await page.getByLabel("Email").fill(address);
  await page.getByLabel("Password").fill(secret);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByTestId("nav-viewer").waitFor(WAIT);
}

test("registering with 2FA shows the QR code and asks to check the mail; errors are readable", async () => {
  const page = await pageAs(stack);
  await page.getByRole("link", { name: "Register" }).click();
  await page.getByRole("heading", { name: "Create an account" }).waitFor(WAIT);

  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("password-strength").getByText("Use 8 to 128 characters.").waitFor(WAIT);
  assert.equal(await page.getByLabel("Password").getAttribute("aria-invalid"), "true");
  await screenshotBothThemes(page, "register-error");

  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Enable two-factor authentication").check();
  await screenshotBothThemes(page, "register");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Check your mail" }).waitFor(WAIT);
  const qr = page.getByRole("img", { name: "QR code for your authenticator app" });
  await qr.waitFor();
  assert.match(await qr.getAttribute("src"), /^data:image\/png;base64,/);
  registrationSecret = (await page.getByTestId("totp-secret").textContent()).trim();
  assert.match(registrationSecret, /^[A-Z2-7]{16,}$/);
  await page.getByText("becomes active after your first login").waitFor();
  await screenshotBothThemes(page, "register-done");

  // The same address again: a conflict, said plainly.
  await page.goto(`${stack.url}/register`);
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("another-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("alert").waitFor(WAIT);
  assert.match(await page.getByRole("alert").textContent(), /log in or reset your password/);
  await page.close();
});

test("an empty Register form marks every field it needs, and a weak password is explained before it is sent", async () => {
  const page = await pageAs(stack);
  await page.goto(`${stack.url}/register`);
  await page.getByRole("heading", { name: "Create an account" }).waitFor(WAIT);
  const requests = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/graphql") && request.method() === "POST") requests.push(request.postData());
  });
  await page.getByRole("button", { name: "Create account" }).click();
  for (const label of ["Name", "Email", "Password"]) {
    assert.equal(await page.getByLabel(label).getAttribute("aria-invalid"), "true", `${label} is marked`);
  }
  await page.getByText("Enter your name.").waitFor(WAIT);
  assert.deepEqual(
    requests.filter((body) => body?.includes("RegisterUser")),
    [],
    "nothing was sent",
  );

  // The rule is there before any typing; "password1" is refused by the API, and said so here first.
  await page.getByTestId("password-strength").getByText("8 to 128 characters and hard to guess").waitFor(WAIT);
  await page.getByLabel("Password").fill("password1");
  await page.getByTestId("password-strength").getByText("Too easy to guess").waitFor(WAIT);
  await page.getByLabel("Password").fill("violet ladder mountain 42");
  await page
    .getByTestId("password-strength")
    .getByText(/^(Strong|Very strong)$/)
    .waitFor(WAIT);
  assert.equal(await page.getByTestId("password-strength").getByText("Too easy to guess").count(), 0);
  await page.close();
});

test("an unverified account cannot log in; the mailed link verifies it; a bad link offers a new mail", async () => {
  const page = await pageAs(stack);
  await page.goto(`${stack.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("alert").waitFor(WAIT);

  await page.goto(`${stack.url}/verify-email?token=not-a-real-token`);
  await page.getByRole("alert").getByText("This link is invalid, already used or expired.").waitFor(WAIT);
  await page.getByRole("heading", { name: "Send the confirmation link again" }).waitFor();
  await screenshotBothThemes(page, "verify-email-invalid");
  const before = stack.mails.length;
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Resend link" }).click();
  await page.getByRole("status").getByText("a new link is on its way").waitFor(WAIT);
  for (let tries = 0; stack.mails.length === before && tries < 150; tries += 1)
    await new Promise((done) => setTimeout(done, 100));
  assert.ok(stack.mails.length > before, "the resend sent a mail");

  await page.goto(await mailedLink(email, "/verify-email"));
  await page.getByRole("status").getByText("Your email address is confirmed.").waitFor(WAIT);
  await screenshotBothThemes(page, "verify-email");
  await page.getByRole("link", { name: "log in", exact: true }).click();
  await page.getByRole("heading", { name: "Log in" }).waitFor(WAIT);
  await page.close();
});

test("the profile shows the details, changes the name and the password", async () => {
  const page = await pageAs(stack);
  await logIn(page, email, password);
  await page.getByRole("link", { name: "Profile" }).click();
  const details = page.getByTestId("profile-details");
  await details.waitFor(WAIT);
  const text = await details.textContent();
  for (const part of ["Ada Lovelace", email, "Customer", "Standard"]) assert.ok(text.includes(part), text);
  assert.match(await page.getByTestId("profile-balance").textContent(), /\$0\.00.*\$0\.00/);
  await page.getByText("No orders yet.").waitFor();
  await screenshotBothThemes(page, "profile");

  await page.getByLabel("Name", { exact: true }).fill("Ada King");
  await page.getByRole("button", { name: "Save name" }).click();
  await page.getByRole("status").getByText("Your name has been saved.").waitFor(WAIT);
  await page.getByTestId("nav-viewer").getByText("Ada King").waitFor(WAIT);
  assert.ok((await details.textContent()).includes("Ada King"));

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("second-password-2");
  await page.getByLabel("Confirm new password").fill("second-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByRole("alert").getByText("The current password is not correct.").waitFor(WAIT);

  const oldToken = await page.evaluate(() => localStorage.getItem("orderflow.token"));
  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password", { exact: true }).fill("second-password-2");
  await page.getByLabel("Confirm new password").fill("second-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByRole("status").getByText("Your password has been changed.").waitFor(WAIT);
  password = "second-password-2";
  const newToken = await page.evaluate(() => localStorage.getItem("orderflow.token"));
  assert.ok(newToken && newToken !== oldToken, "a fresh token is stored");
  await page.getByTestId("profile-details").waitFor(WAIT);
  await screenshotBothThemes(page, "profile-password-changed");

  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByRole("heading", { name: "Log in" }).waitFor(WAIT);
  await logIn(page, email, password);
  await page.getByTestId("nav-viewer").getByText("Ada King").waitFor(WAIT);
  await page.close();
});

test("the 2FA chosen at registration is turned on in the profile with a code, and off with the password and a code", async () => {
  const page = await pageAs(stack);
  await logIn(page, email, password);
  // The first login leads to finishing the 2FA chosen at registration.
  const pending = page.getByTestId("totp-pending");
  await pending.waitFor(WAIT);
  await pending.getByRole("link", { name: "Finish turning it on with a code from your app" }).click();
  await page.waitForURL(`${stack.url}/profile`);
  await page.getByTestId("totp-status").getByText("Off").waitFor(WAIT);
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("alert").getByText("That authenticator code is not valid").waitFor(WAIT);
  await page.getByLabel("Code from the app").fill(await generate({ secret: registrationSecret }));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByTestId("totp-status").getByText("On").waitFor(WAIT);
  await pending.waitFor({ state: "detached", ...WAIT });
  await screenshotBothThemes(page, "profile-totp-on");
  const secret = registrationSecret;

  // A code cannot be used twice: turning it off takes the next step's code.
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page
    .getByLabel("Code from the app")
    .fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole("button", { name: "Turn off" }).click();
  await page.getByTestId("totp-status").getByText("Off").waitFor(WAIT);
  await page.close();
});

test("a forgotten password is reset from the mailed link; a premium customer's profile shows the star", async () => {
  // Another account: the API mails each address at most once a minute.
  const other = "grace@example.com";
  const admin = await stack.adminToken();
  const { createCustomer } = await stack.graphql(
    "mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }",
    { i: { name: "Grace Hopper", email: other, password: "forgotten-password", tier: "PREMIUM", budgetCents: 123456 } },
    admin,
  );
  const { createProduct } = await stack.graphql(
    "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
    { i: { name: "Compiler", priceCents: 1000, stock: 5 } },
    admin,
  );
  // One order that fits (2 × $10.00) and one that cannot (more than the stock).
  for (const quantity of [2, 10])
    await stack.graphql(
      "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }",
      { i: { customerId: createCustomer.id, items: [{ productId: createProduct.id, quantity }] } },
      admin,
    );
  const page = await pageAs(stack);
  await page.goto(`${stack.url}/login`);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByRole("heading", { name: "Forgot your password?" }).waitFor(WAIT);
  await page.getByLabel("Email").fill(other);
  await screenshotBothThemes(page, "forgot-password");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByRole("status").getByText("a mail with a reset link is on its way").waitFor(WAIT);
  await screenshotBothThemes(page, "forgot-password-sent");

  await page.goto(await mailedLink(other, "/reset-password"));
  await page.getByRole("heading", { name: "Choose a new password" }).waitFor(WAIT);
  await page.getByLabel("New password", { exact: true }).fill("remembered-password");
  await page.getByLabel("Confirm new password").fill("something else");
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.getByRole("alert").getByText("The two passwords do not match.").waitFor(WAIT);
  await page.getByLabel("Confirm new password").fill("remembered-password");
  await screenshotBothThemes(page, "reset-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.getByRole("status").getByText("Your password has been changed.").waitFor(WAIT);
  await screenshotBothThemes(page, "reset-password-done");

  await page.getByRole("status").getByRole("link", { name: "Log in" }).click();
  await page.getByRole("heading", { name: "Log in" }).waitFor(WAIT);
  await logIn(page, other, "remembered-password");
  await page.goto(`${stack.url}/profile`);
  const details = page.getByTestId("profile-details");
  await details.waitFor(WAIT);
  assert.ok((await details.textContent()).includes("Premium ⭐"));
  // The scheduler decides the orders soon; the history shows them and what they cost.
  for (let tries = 0; tries < 30; tries += 1) {
    const history = await page.getByTestId("spending-history").textContent({ timeout: 15_000 });
    if (/approved/.test(history) && /rejected/.test(history)) break;
    await new Promise((done) => setTimeout(done, 500));
    await page.reload();
  }
  const history = await page.getByTestId("spending-history").textContent();
  assert.match(history, /approved/);
  assert.match(history, /rejected/);
  assert.equal(await page.getByTestId("spending-total").textContent(), "$20.00");
  assert.match(await page.getByTestId("profile-balance").textContent(), /\$1,214\.56.*\$20\.00/);
  await screenshotBothThemes(page, "profile-premium");

  // Setting up 2FA from the profile: a QR code, then one valid code.
  await page.getByRole("button", { name: "Set up" }).click();
  await page.getByRole("img", { name: "QR code for your authenticator app" }).waitFor(WAIT);
  const secret = (await page.getByTestId("totp-secret").textContent()).trim();
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await screenshotBothThemes(page, "profile-totp-setup");
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByTestId("totp-status").getByText("On").waitFor(WAIT);
  await page.close();
});
