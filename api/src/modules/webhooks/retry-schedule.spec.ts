import { DEFAULT_RETRY_SCHEDULE, retryDelayMs } from "./retry-schedule";

describe("retryDelayMs()", () => {
  it("waits 10 s, 40 s, 160 s … up to 8 h between the ten attempts without jitter", () => {
    const delays = Array.from({ length: 9 }, (_, i) => retryDelayMs(DEFAULT_RETRY_SCHEDULE, i + 1, 0.5));
    expect(delays).toEqual([
      10_000, 40_000, 160_000, 640_000, 2_560_000, 10_240_000, 28_800_000, 28_800_000, 28_800_000,
    ]);
  });

  it("retries for about a day in all", () => {
    const total = Array.from({ length: 9 }, (_, i) => retryDelayMs(DEFAULT_RETRY_SCHEDULE, i + 1, 0.5)!).reduce(
      (a, b) => a + b,
    );
    expect(total / 3_600_000).toBeCloseTo(27.8, 1);
  });

  it("stops after the last attempt", () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 10, 0.5)).toBeNull();
  });

  it("moves each wait by at most the jitter either way", () => {
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 1, 0)).toBe(8_000);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 1, 0.999_999)).toBe(12_000);
  });
});
