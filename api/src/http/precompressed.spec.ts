import { acceptedEncodings } from "./precompressed";

describe("acceptedEncodings()", () => {
  it("prefers brotli to gzip whatever the order the browser lists them in", () => {
    expect(acceptedEncodings("gzip, deflate, br, zstd")).toEqual(["br", "gzip"]);
  });

  it("leaves out an encoding refused with q=0, directly or through *", () => {
    expect(acceptedEncodings("br;q=0, gzip;q=0.5")).toEqual(["gzip"]);
    expect(acceptedEncodings("*;q=0, gzip")).toEqual(["gzip"]);
    expect(acceptedEncodings("*")).toEqual(["br", "gzip"]);
  });

  it("accepts nothing compressed without the header, or with identity only", () => {
    expect(acceptedEncodings(undefined)).toEqual([]);
    expect(acceptedEncodings("")).toEqual([]);
    expect(acceptedEncodings("identity")).toEqual([]);
  });
});
