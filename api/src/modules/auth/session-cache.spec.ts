import { Role } from "../users";
import { SessionCache } from "./session-cache";

describe("SessionCache", () => {
  let now = 0;
  const cache = () => new SessionCache({ ttlMs: 1_000, maxEntries: 2, now: () => now });
  beforeEach(() => {
    now = 0;
  });

  it("knows a user at the version read, not at another", () => {
    const sessions = cache();
    sessions.beginRead()("u1", 3, Role.CUSTOMER);
    expect(sessions.role("u1", 3)).toBe(Role.CUSTOMER);
    expect(sessions.role("u1", 2)).toBeUndefined();
    expect(sessions.role("u2", 3)).toBeUndefined();
  });

  it("forgets a user at once when their tokens are revoked", () => {
    const sessions = cache();
    sessions.beginRead()("u1", 3, Role.CUSTOMER);
    sessions.forget("u1");
    expect(sessions.role("u1", 3)).toBeUndefined();
  });

  it("does not remember a read that a revocation overtook: it may have seen the old version", () => {
    const sessions = cache();
    const remember = sessions.beginRead();
    sessions.forget("u1"); // revoked while the read was on its way
    remember("u1", 3, Role.CUSTOMER);
    expect(sessions.role("u1", 3)).toBeUndefined();
    sessions.beginRead()("u1", 4, Role.CUSTOMER);
    expect(sessions.role("u1", 4)).toBe(Role.CUSTOMER);
  });

  it("reads again after the time to live, and keeps at most maxEntries users", () => {
    const sessions = cache();
    sessions.beginRead()("u1", 1, Role.ADMIN);
    now = 999;
    expect(sessions.role("u1", 1)).toBe(Role.ADMIN);
    now = 1_000;
    expect(sessions.role("u1", 1)).toBeUndefined();
    for (const id of ["a", "b", "c"]) sessions.beginRead()(id, 1, Role.CUSTOMER);
    expect(sessions.size).toBe(2);
    expect(sessions.role("a", 1)).toBeUndefined();
    expect(sessions.role("c", 1)).toBe(Role.CUSTOMER);
  });
});
