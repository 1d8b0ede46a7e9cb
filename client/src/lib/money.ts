/** "12.50" → 1250; null when it is not an amount of money (at most two decimals, optional sign). */
export function parseMoney(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(\.\d{1,2})?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}
