import { scrub } from "./log.service";

describe("scrub()", () => {
  it("drops every key that could hold a secret, at any depth", () => {
    expect(
      scrub({
        ip: "10.0.0.1",
        password: "x",
        newPassword: "y",
        token: "t",
        passwordHash: "h",
        nested: { totpSecret: "s", authorization: "Bearer x", kept: 1, list: [{ resetToken: "r", ok: true }] },
      }),
    ).toEqual({ ip: "10.0.0.1", nested: { kept: 1, list: [{ ok: true }] } });
  });
});
