import { Types } from "mongoose";
import { PriceBook, type PricedProductState } from "./price-book";

const id = new Types.ObjectId();
const state = (priceCents: number, deletedAt: Date | null = null): PricedProductState => ({
  _id: id,
  name: "Lamp",
  priceCents,
  deletedAt,
});
/** A change as announced; through Redis its dates are ISO strings. */
const announced = (priceCents: number, deletedAt: string | null = null) => ({
  id: id.toHexString(),
  name: "Lamp",
  priceCents,
  deletedAt: deletedAt as unknown as Date | null,
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
    stored = [state(100)];
  });

  it("reads a product once, then answers from what it keeps until the time runs out", async () => {
    const prices = book();
    expect((await prices.find([id]))[0].priceCents).toBe(100);
    stored = [state(200)];
    expect((await prices.find([id]))[0].priceCents).toBe(100);
    expect(reads).toBe(1);
    now = 1001;
    expect((await prices.find([id]))[0].priceCents).toBe(200);
    expect(reads).toBe(2);
  });

  it("reads again after an announced change of price or deletion, not after a stock move", async () => {
    const prices = book();
    await prices.find([id]);
    prices.changed(announced(100)); // a stock move: the same pricing
    await prices.find([id]);
    expect(reads).toBe(1);

    stored = [state(300, new Date(3))];
    prices.changed(announced(300, "1970-01-01T00:00:00.003Z"));
    const [product] = await prices.find([id]);
    expect(product.priceCents).toBe(300);
    expect(product.deletedAt).toEqual(new Date(3));
    expect(reads).toBe(2);
  });

  it("reads again whatever the order of announcements from two instances", async () => {
    const prices = book();
    await prices.find([id]);
    stored = [state(250)];
    prices.changed(announced(250)); // the change
    prices.changed(announced(100)); // an older stock move of another instance, arriving late
    expect((await prices.find([id]))[0].priceCents).toBe(250);
  });

  it("does not keep a read that a change overtook", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const prices = new PriceBook(
      () => now,
      async () => {
        reads += 1;
        await gate;
        return [state(100)]; // read before the change
      },
    );
    const finding = prices.find([id]);
    prices.changed(announced(250)); // not kept yet: counts as a change all the same
    release();
    expect((await finding)[0].priceCents).toBe(100); // answered as just before the change
    await prices.find([id]);
    expect(reads).toBe(2);
  });

  it("leaves out unknown products, and does not remember them", async () => {
    const prices = book();
    const other = new Types.ObjectId();
    expect((await prices.find([id, other])).map((p) => p._id.toHexString())).toEqual([id.toHexString()]);
    await prices.find([other]);
    expect(reads).toBe(2);
  });
});
