import { Types } from "mongoose";
import { AccountFactsCache, type AccountFacts } from "./account-facts";
import { CustomerTier, Role } from "./role";

describe("AccountFactsCache", () => {
  const id = new Types.ObjectId();
  let now = 0;
  let stored: AccountFacts | null = null;
  let reads = 0;
  const cache = () =>
    new AccountFactsCache(
      () => now,
      () => {
        reads += 1;
        return Promise.resolve(stored);
      },
      1000,
    );

  beforeEach(() => {
    now = 0;
    reads = 0;
    stored = { _id: id, role: Role.CUSTOMER, tier: CustomerTier.STANDARD };
  });

  it("reads an account once, until a change is announced or the time runs out", async () => {
    const facts = cache();
    expect((await facts.find(id))?.tier).toBe(CustomerTier.STANDARD);
    stored = { _id: id, role: Role.CUSTOMER, tier: CustomerTier.PREMIUM };
    expect((await facts.find(id))?.tier).toBe(CustomerTier.STANDARD);
    facts.forget(id.toHexString());
    expect((await facts.find(id))?.tier).toBe(CustomerTier.PREMIUM);
    stored = null; // deleted
    now = 1001;
    expect(await facts.find(id)).toBeNull();
    expect(reads).toBe(3);
  });

  it("does not keep a read that a change overtook", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const facts = new AccountFactsCache(
      () => now,
      async () => {
        reads += 1;
        await gate;
        return { _id: id, role: Role.CUSTOMER, tier: CustomerTier.STANDARD };
      },
    );
    const finding = facts.find(id);
    facts.forget(id.toHexString()); // e.g. a tier change, announced while the read was out
    release();
    expect((await finding)?.tier).toBe(CustomerTier.STANDARD);
    await facts.find(id);
    expect(reads).toBe(2);
  });

  it("does not remember an unknown account", async () => {
    stored = null;
    const facts = cache();
    await facts.find(id);
    await facts.find(id);
    expect(reads).toBe(2);
  });
});
