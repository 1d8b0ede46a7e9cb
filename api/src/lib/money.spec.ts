import { formatMoney, formatMoneyChange } from "./money";

describe("formatMoney()", () => {
  it("shows cents as dollars with two decimals and thousands separators", () => {
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatMoney(4_790)).toBe("$47.90");
    expect(formatMoney(123_456_789)).toBe("$1,234,567.89");
  });
});

describe("formatMoneyChange()", () => {
  it("signs a change, and leaves zero unsigned", () => {
    expect(formatMoneyChange(-790)).toBe("-$7.90");
    expect(formatMoneyChange(250)).toBe("+$2.50");
    expect(formatMoneyChange(0)).toBe("$0.00");
  });
});
