/**
 * Reads integer options: `--name=value` (the variable's name without `prefix`, lower-cased),
 * else the environment variable, else the fallback.
 */
export function optionReader(prefix: RegExp) {
  return (name: string, fallback: number, min: number, max: number): number => {
    const flag = `--${name.replace(prefix, "").toLowerCase()}=`;
    const fromArgv = process.argv.slice(2).find((arg) => arg.startsWith(flag));
    const text = fromArgv?.slice(flag.length) ?? process.env[name];
    if (text === undefined || text.trim() === "") return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be an integer from ${min} to ${max} (got "${text}")`);
    }
    return value;
  };
}
