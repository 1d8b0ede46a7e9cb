import { Types } from "mongoose";
import { PriceBook, type PricedProductState } from "./price-book";

const id = new Types.ObjectId();
const state = (priceCents: number, at: number, deletedAt: Date | null = null): PricedProductState => ({
  _id: id,
  name: "Lamp",
  priceCents,
  deletedAt,
  updatedAt: new Date(at),
});

describe("PriceBook", () => {
  let now = 0;
  let stored: PricedProductState[] = [];
  let reads = 0;
  const book = () =>
    new PriceBook(
      () => now,
      (ids) => {
        reads += 1;
        return Promise.resolve(stored.filter((p) => ids.some((i) => i.equals(p._id))));
      },
      1000,
    );

  beforeEach(() => {
    now = 0;
    reads = 0;
    stored = [state(100, 1)];
  });

  it("reads a product once, then answers from what it knows until the time runs out", async () => {
    const prices = book();
    expect((await prices.find([id]))[0].priceCents).toBe(100);
    stored = [state(200, 2)];
    expect((await prices.find([id]))[0].priceCents).toBe(100);
    expect(reads).toBe(1);
    now = 1001;
    expect((await prices.find([id]))[0].priceCents).toBe(200);
    expect(reads).toBe(2);
  });

  it("takes an announced change at once, deletion included", async () => {
    const prices = book();
    await prices.find([id]);
    prices.learnView({
      id: id.toHexString(),
      name: "Lamp",
      description: "",
      priceCents: 300,
      stock: 1,
      ownerId: null,
      createdAt: new Date(0),
      updatedAt: "1970-01-01T00:00:00.003Z" as unknown as Date, // as it arrives through Redis
      deletedAt: "1970-01-01T00:00:00.003Z" as unknown as Date,
    });
    const [product] = await prices.find([id]);
    expect(product.priceCents).toBe(300);
    expect(product.deletedAt).toEqual(new Date(3));
    expect(reads).toBe(1);
  });

  it("keeps the later state when a slow read returns after a change was announced", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const prices = new PriceBook(
      () => now,
      async () => {
        await gate;
        return [state(100, 1)]; // read before the change
      },
    );
    const finding = prices.find([id]);
    prices.learn(state(250, 5));
    release();
    expect((await finding)[0].priceCents).toBe(250);
    expect((await prices.find([id]))[0].priceCents).toBe(250);
  });

  it("leaves out unknown products, and does not remember them", async () => {
    const prices = book();
    const other = new Types.ObjectId();
    expect((await prices.find([id, other])).map((p) => p._id.toHexString())).toEqual([id.toHexString()]);
    await prices.find([other]);
    expect(reads).toBe(2);
  });
});
