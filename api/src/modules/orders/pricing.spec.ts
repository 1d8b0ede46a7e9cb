import { Types } from "mongoose";
import { BadUserInputError, NotFoundError } from "../../graphql/errors";
import { fingerprint, MAX_LINES, MAX_QUANTITY, mergeLines, priceLines, type PricedProduct } from "./pricing";

const A = "65a000000000000000000001";
const B = "65a000000000000000000002";
const C = "65a000000000000000000003";

/** The error `run` throws (failing the test when it throws none). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

function expectBadInput(run: () => unknown, field: string): void {
  const error = thrown(run);
  expect(error).toBeInstanceOf(BadUserInputError);
  expect((error as BadUserInputError).extensions).toEqual({ code: "BAD_USER_INPUT", field });
}

function product(id: string, name: string, priceCents: number, deletedAt: Date | null = null): PricedProduct {
  return { _id: new Types.ObjectId(id), name, priceCents, deletedAt };
}

const asPlain = (lines: ReturnType<typeof mergeLines>) =>
  lines.map((l) => ({ productId: l.productId.toHexString(), quantity: l.quantity }));

describe("mergeLines()", () => {
  it("returns the lines as ObjectIds with their quantities", () => {
    const lines = mergeLines([{ productId: A, quantity: 2 }]);
    expect(lines).toHaveLength(1);
    expect(lines[0].productId).toBeInstanceOf(Types.ObjectId);
    expect(asPlain(lines)).toEqual([{ productId: A, quantity: 2 }]);
  });

  it("merges lines of the same product by adding their quantities", () => {
    expect(
      asPlain(
        mergeLines([
          { productId: A, quantity: 2 },
          { productId: B, quantity: 1 },
          { productId: A, quantity: 5 },
        ]),
      ),
    ).toEqual([
      { productId: A, quantity: 7 },
      { productId: B, quantity: 1 },
    ]);
  });

  it("treats upper- and lower-case spellings of an id as the same product", () => {
    expect(
      asPlain(
        mergeLines([
          { productId: "65A00000000000000000000B", quantity: 1 },
          { productId: "65a00000000000000000000b", quantity: 2 },
        ]),
      ),
    ).toEqual([{ productId: "65a00000000000000000000b", quantity: 3 }]);
  });

  it("sorts the lines by productId, the order processing takes stock in", () => {
    const lines = mergeLines([
      { productId: C, quantity: 1 },
      { productId: A, quantity: 1 },
      { productId: B, quantity: 1 },
    ]);
    expect(lines.map((l) => l.productId.toHexString())).toEqual([A, B, C]);
  });

  it("refuses an order without lines, naming the items field", () => {
    expectBadInput(() => mergeLines([]), "items");
  });

  it(`accepts ${MAX_LINES} lines and refuses ${MAX_LINES + 1}`, () => {
    const distinct = Array.from({ length: MAX_LINES + 1 }, (_, i) => ({
      productId: (0x65a0000000 + i).toString(16).padStart(24, "0"),
      quantity: 1,
    }));
    expect(mergeLines(distinct.slice(0, MAX_LINES))).toHaveLength(MAX_LINES);
    expectBadInput(() => mergeLines(distinct), "items");
  });

  it("counts lines before merging: 51 lines of one product are refused", () => {
    expectBadInput(
      () => mergeLines(Array.from({ length: MAX_LINES + 1 }, () => ({ productId: A, quantity: 1 }))),
      "items",
    );
  });

  it.each([
    "",
    "not-an-id",
    "65a00000000000000000000",
    "65a0000000000000000000011",
    "zza000000000000000000001",
    "abcdefghijkl",
  ])("refuses the product id %p, naming the line's field", (productId) => {
    expectBadInput(
      () =>
        mergeLines([
          { productId: A, quantity: 1 },
          { productId, quantity: 1 },
        ]),
      "items.1.productId",
    );
  });

  it.each([0, -1, 1.5, MAX_QUANTITY + 1, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses the quantity %p, naming the line's field",
    (quantity) => {
      expectBadInput(
        () =>
          mergeLines([
            { productId: A, quantity: 1 },
            { productId: B, quantity: 1 },
            { productId: C, quantity },
          ]),
        "items.2.quantity",
      );
    },
  );

  it(`accepts quantities of 1 and ${MAX_QUANTITY}`, () => {
    expect(
      asPlain(
        mergeLines([
          { productId: A, quantity: 1 },
          { productId: B, quantity: MAX_QUANTITY },
        ]),
      ),
    ).toEqual([
      { productId: A, quantity: 1 },
      { productId: B, quantity: MAX_QUANTITY },
    ]);
  });

  it(`accepts merged lines that add up to exactly ${MAX_QUANTITY}`, () => {
    expect(
      asPlain(
        mergeLines([
          { productId: A, quantity: 600 },
          { productId: A, quantity: 400 },
        ]),
      ),
    ).toEqual([{ productId: A, quantity: MAX_QUANTITY }]);
  });

  it(`refuses merged lines that add up to more than ${MAX_QUANTITY}`, () => {
    expectBadInput(
      () =>
        mergeLines([
          { productId: A, quantity: 600 },
          { productId: B, quantity: 1 },
          { productId: A, quantity: 401 },
        ]),
      "items",
    );
  });
});

describe("priceLines()", () => {
  const catalogue = [product(A, "Anvil", 1250), product(B, "Bolt", 35), product(C, "Crate", 999)];

  it("snapshots each line's product name and unit price and multiplies out the line total", () => {
    const { items } = priceLines(
      mergeLines([
        { productId: B, quantity: 4 },
        { productId: A, quantity: 2 },
      ]),
      catalogue,
    );
    expect(items.map((i) => ({ ...i, productId: i.productId.toHexString() }))).toEqual([
      { productId: A, productName: "Anvil", unitPriceCents: 1250, quantity: 2, lineTotalCents: 2500 },
      { productId: B, productName: "Bolt", unitPriceCents: 35, quantity: 4, lineTotalCents: 140 },
    ]);
  });

  it("totals the lines", () => {
    const { totalCents } = priceLines(
      mergeLines([
        { productId: A, quantity: 2 },
        { productId: B, quantity: 4 },
        { productId: C, quantity: 1 },
      ]),
      catalogue,
    );
    expect(totalCents).toBe(2500 + 140 + 999);
  });

  it("finds products whatever order the catalogue lists them in", () => {
    const lines = mergeLines([
      { productId: A, quantity: 1 },
      { productId: C, quantity: 1 },
    ]);
    expect(priceLines(lines, [...catalogue].reverse()).totalCents).toBe(1250 + 999);
  });

  it("refuses a product that is not in the catalogue with NOT_FOUND naming it", () => {
    const unknown = "65a0000000000000000000ff";
    const error = thrown(() =>
      priceLines(
        mergeLines([
          { productId: A, quantity: 1 },
          { productId: unknown, quantity: 1 },
        ]),
        catalogue,
      ),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).extensions).toEqual({ code: "NOT_FOUND", entity: "Product", id: unknown });
  });

  it("refuses a deleted product with NOT_FOUND naming it", () => {
    const error = thrown(() =>
      priceLines(mergeLines([{ productId: B, quantity: 1 }]), [product(B, "Bolt", 35, new Date("2030-01-01"))]),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).extensions).toEqual({ code: "NOT_FOUND", entity: "Product", id: B });
  });
});

describe("fingerprint()", () => {
  it("is the same for equivalent requests: other line order, split lines, other id case", () => {
    const one = fingerprint(
      mergeLines([
        { productId: A, quantity: 3 },
        { productId: B, quantity: 1 },
      ]),
    );
    const two = fingerprint(
      mergeLines([
        { productId: B.toUpperCase(), quantity: 1 },
        { productId: A, quantity: 1 },
        { productId: A, quantity: 2 },
      ]),
    );
    expect(two).toBe(one);
  });

  it("differs when a quantity differs", () => {
    expect(fingerprint(mergeLines([{ productId: A, quantity: 3 }]))).not.toBe(
      fingerprint(mergeLines([{ productId: A, quantity: 4 }])),
    );
  });

  it("differs when a product differs", () => {
    expect(fingerprint(mergeLines([{ productId: A, quantity: 1 }]))).not.toBe(
      fingerprint(mergeLines([{ productId: B, quantity: 1 }])),
    );
  });

  it("differs when a line is added", () => {
    expect(fingerprint(mergeLines([{ productId: A, quantity: 1 }]))).not.toBe(
      fingerprint(
        mergeLines([
          { productId: A, quantity: 1 },
          { productId: C, quantity: 1 },
        ]),
      ),
    );
  });
});
