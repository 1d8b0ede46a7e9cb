import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The api package's folder: the nearest one above this file whose package.json is
 * `@orderflow/api`. Found rather than counted in `..`s, because this code runs from src (tests),
 * dist (`npm start`, the image) and dist-tools (benchmarks, the cluster, the explorer).
 */
function findApiRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "@orderflow/api"
    ) {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no @orderflow/api package.json above ${from}`);
  }
}

export const API_ROOT = findApiRoot(__dirname);
/** The repository (or, in the image, the app) folder that holds api/, client/ and .orderflow/. */
export const REPO_ROOT = dirname(API_ROOT);
