/**
 * Reads integer options: `--name=value` or `--name value` (the variable's name without `prefix`,
 * lower-cased), else the environment variable, else the fallback.
 */
export function optionReader(prefix: RegExp) {
  return (name: string, fallback: number, min: number, max: number): number => {
    const flag = `--${name.replace(prefix, "").toLowerCase()}`;
    const args = process.argv.slice(2);
    const joined = args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
    const at = args.indexOf(flag);
    const text = joined ?? (at === -1 ? undefined : (args[at + 1] ?? "nothing")) ?? process.env[name];
    if (text === undefined || text.trim() === "") return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be an integer from ${min} to ${max} (got "${text}")`);
    }
    return value;
  };
}
