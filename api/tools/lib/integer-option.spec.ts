import { optionReader } from "./integer-option";

describe("optionReader", () => {
  const saved = { argv: process.argv, env: process.env["DEMO_SIZE"] };
  afterEach(() => {
    process.argv = saved.argv;
    if (saved.env === undefined) delete process.env["DEMO_SIZE"];
    else process.env["DEMO_SIZE"] = saved.env;
  });
  const option = optionReader(/^DEMO_/);

  it("takes --size= over DEMO_SIZE over the fallback", () => {
    delete process.env["DEMO_SIZE"];
    process.argv = ["node", "script"];
    expect(option("DEMO_SIZE", 7, 1, 100)).toBe(7);
    process.env["DEMO_SIZE"] = "12";
    expect(option("DEMO_SIZE", 7, 1, 100)).toBe(12);
    process.argv = ["node", "script", "--size=30"];
    expect(option("DEMO_SIZE", 7, 1, 100)).toBe(30);
  });

  it("takes --size 30 as --size=30, and refuses --size with no value", () => {
    delete process.env["DEMO_SIZE"];
    process.argv = ["node", "script", "--size", "30"];
    expect(option("DEMO_SIZE", 7, 1, 100)).toBe(30);
    process.argv = ["node", "script", "--size"];
    expect(() => option("DEMO_SIZE", 7, 1, 100)).toThrow('DEMO_SIZE must be an integer from 1 to 100 (got "nothing")');
  });

  it("refuses a value that is not an integer in range, naming the variable", () => {
    process.argv = ["node", "script"];
    for (const bad of ["abc", "1.5", "0", "101"]) {
      process.env["DEMO_SIZE"] = bad;
      expect(() => option("DEMO_SIZE", 7, 1, 100)).toThrow(`DEMO_SIZE must be an integer from 1 to 100 (got "${bad}")`);
    }
  });
});
