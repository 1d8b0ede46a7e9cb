import { Types } from "mongoose";
import { decodeCursor, encodeCursor, pageSize } from "./connection";
import { BadUserInputError } from "./errors";

describe("pageSize()", () => {
  it("uses the default for null and undefined", () => {
    expect(pageSize(null, 20)).toBe(20);
    expect(pageSize(undefined, 50)).toBe(50);
  });

  it.each([0, -1, 101, 2.5])("refuses %p with BAD_USER_INPUT", (first) => {
    expect(() => pageSize(first, 20)).toThrow(BadUserInputError);
  });

  it("accepts 1 to 100", () => {
    expect(pageSize(1, 20)).toBe(1);
    expect(pageSize(100, 20)).toBe(100);
  });
});

describe("cursors", () => {
  it("round-trip a position", () => {
    const id = new Types.ObjectId();
    const at = new Date("2030-05-06T07:08:09.010Z");
    expect(decodeCursor(encodeCursor(at, id))).toEqual({ at: at.getTime(), id: id.toHexString() });
  });

  it.each([
    "",
    "garbage",
    Buffer.from('{"at":"x","id":"y"}').toString("base64url"),
    Buffer.from('{"$gt":""}').toString("base64url"),
  ])("refuse %p with BAD_USER_INPUT", (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(BadUserInputError);
  });
});
