/** True for MongoDB's duplicate-key error (code 11000): a unique key, often `_id`, already exists. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 11000;
}
