import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../src/paths";
import { ADMIN_ENV, createCustomer, loginAdmin, must } from "./helpers/accounts";
import { runExample, runnableExamples } from "./helpers/doc-examples";
import { createProduct } from "./helpers/shop";
import { startTestApp, type TestApp } from "./helpers/test-app";

const GUIDE = join(REPO_ROOT, "docs", "integrators.md");
const SCOPES = ["orders:read", "orders:write", "products:read", "customers:read"];

/**
 * docs/integrators.md as a reader would use it: every example marked `<!-- run: … -->` is run,
 * as it is written, against a live API with a real token, and its output checked.
 */
describe("the integrators' guide", () => {
  const examples = runnableExamples(readFileSync(GUIDE, "utf8"));
  const dir = join(REPO_ROOT, ".orderflow", "doc-examples");
  let api: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApp({ env: ADMIN_ENV });
    const admin = await loginAdmin(api);
    const productId = await createProduct(api, admin.token, { name: "Crate", priceCents: 1999, stock: 1000 });
    const customer = await createCustomer(api, admin.token, { budgetCents: 10_000_000 });
    const { createApiToken } = await must<{ createApiToken: { token: string } }>(
      api,
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      { input: { name: "Guide", scopes: SCOPES } },
      admin.token,
    );
    env = {
      ORDERFLOW_URL: api.url,
      ORDERFLOW_TOKEN: createApiToken.token,
      ORDERFLOW_ADMIN_TOKEN: admin.token,
      PRODUCT_ID: productId,
      CUSTOMER_ID: customer.id,
    };
  });

  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has the examples its test is meant to run", () => {
    expect(examples.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        "first-request",
        "place-order",
        "paginate",
        "errors",
        "retry-after",
        "subscribe",
        "webhook",
      ]),
    );
    expect(examples.every((e) => e.expect !== null)).toBe(true);
  });

  it.each(runnableExamples(readFileSync(GUIDE, "utf8")).map((e) => [e.name, e] as const))(
    "runs %s as written",
    async (_name, example) => {
      const run = await runExample(example, dir, env);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
      expect(run.stdout).toMatch(example.expect!);
    },
    40_000,
  );
});
