/** The library of bad values the generators pick from. */

export const KB100 = "x".repeat(100_000);
export const KB100_UNICODE = "😀\u202e\u200b\u0000".repeat(20_000);
const nestObject = (depth: number): unknown => {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
const nestArray = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
export const DEEP = [nestObject(40), nestObject(800), nestArray(40), nestArray(800)];
export const OPERATORS: readonly unknown[] = [
  { $ne: null },
  { $gt: "" },
  { $where: "1" },
  { $regex: ".*" },
  { $in: [] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
];
/** Not a string, a number, a boolean, an id: objects and arrays of every kind. */
const STRUCTURES: readonly unknown[] = [{}, [], [1, 2], { a: 1 }, ["a"], [null], ...OPERATORS, ...DEEP];
/** Fails String coercion (null only where the type is non-null: see NOT_STRING). */
export const NOT_STRING_NONNULL: readonly unknown[] = [0, 1, -1, 3.14, 1e308, true, false, ...STRUCTURES];
export const NOT_STRING: readonly unknown[] = [...NOT_STRING_NONNULL, null];
/** Fails ID coercion (integers become strings, so they are in BAD_ID_STRINGS' spirit instead). */
export const NOT_ID: readonly unknown[] = [3.14, -0.5, 1e308, true, false, null, ...STRUCTURES];
/** Fails Int coercion. */
export const NOT_INT: readonly unknown[] = [
  0.5,
  -0.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  1e308,
  -1e308,
  "1",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "1e3",
  "",
  true,
  null,
  ...STRUCTURES,
];
/** Fails SafeInt coercion. */
export const NOT_SAFE_INT: readonly unknown[] = [
  0.5,
  -0.5,
  2 ** 53,
  -(2 ** 53),
  2 ** 53 + 2,
  1e308,
  -1e308,
  "100",
  "NaN",
  "Infinity",
  "",
  true,
  null,
  ...STRUCTURES,
];
export const NOT_BOOLEAN: readonly unknown[] = ["true", "false", "yes", 1, 0, ...STRUCTURES];
/** Strings that no token, code, id, email or password of this run equals. */
export const ODD_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "\udfff",
  "a\ud800b",
  "\u202egnp.exe",
  "\u200b",
  "😀",
  "\ufeff",
  "\u2028\u2029",
  "Z̸̢̛͔a̧̡̘l̵g̶o̵",
  "' OR '1'='1",
  '{"$ne":null}',
  "$where",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "%00",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "1e308",
  "000000",
  "123456",
  KB100,
  KB100_UNICODE,
];
/** Names that are not 1 to 100 printable characters. */
export const BAD_NAMES: readonly string[] = [
  "",
  " ",
  "   \t\n ",
  "\u0000",
  "a\u0000b",
  "\u0007bell",
  "\u001b[31mred",
  "\u007f",
  "\u0085",
  "\u202egnp.exe",
  "evil\u202e",
  "\u2066x\u2069",
  "\ufeff",
  "\u2028",
  // Not characters at all (lone surrogates) and invisible-only names.
  "\ud800",
  "\udfff",
  "Ada\ud800",
  "\u200b",
  "\u200c\u200d",
  "\u2060",
  "\u200f",
  "x".repeat(101),
  "é".repeat(101),
  "😀".repeat(101),
  KB100,
  KB100_UNICODE,
];
export const BAD_EMAILS: readonly string[] = [
  "",
  " ",
  "plainaddress",
  "@no-local.org",
  "no-at.example.com",
  "a@b",
  "a b@c.de",
  "a@b c.de",
  "a@@b.cd",
  `${"a".repeat(250)}@x.io`,
  "a\u0000@b.cd",
  "a\u0007@b.cd",
  "\u202e@evil.io",
  "x@y.z\u202e",
  KB100,
];
/** Too short, too long or too easy to guess. */
export const WEAK_PASSWORDS: readonly string[] = [
  "",
  "short",
  "1234567",
  "password",
  "password1",
  "12345678",
  "qwertyuiop",
  "aaaaaaaaaaaa",
  "abcdefgh",
  "x".repeat(129),
  "😀".repeat(65),
  KB100,
];
/** Malformed ids (never 24 hex digits). */
export const BAD_ID_STRINGS: readonly unknown[] = [
  "",
  " ",
  "nope",
  "0123456789abcdef0123456",
  "0123456789abcdef012345678",
  "zzzzzzzzzzzzzzzzzzzzzzzz",
  "aaaaaaaaaaaa",
  "0123456789abcdef0123456\u0000",
  "ObjectId('0123456789abcdef01234567')",
  '{"$oid":"0123456789abcdef01234567"}',
  "\ud800",
  "😀",
  "-1",
  "$where",
  KB100,
  42,
  -1,
  0,
];
export const TIERS = ["STANDARD", "PREMIUM"];
export const BAD_ENUM: readonly unknown[] = [
  "GOLD",
  "premium",
  "PREMIUM ",
  "",
  "\u0000",
  KB100,
  1,
  true,
  ["PREMIUM"],
  null,
  ...OPERATORS,
];

/** Whole inputs that are not an input object at all. */
export const WHOLE_BAD_INPUT: readonly unknown[] = [null, "x", 1, true, [], [{}], { bogus: 1 }, ...OPERATORS, ...DEEP];
