import { join } from "node:path";
import { API_ROOT, REPO_ROOT } from "../src/paths";

export { REPO_ROOT };
/** The built API that `npm start` runs (the tools run it as child processes). */
export const API_MAIN_JS = join(API_ROOT, "dist", "main.js");
/** The tools' runtime data (load-test results, cluster data) beside the project's caches. */
export const ORDERFLOW_DIR = join(REPO_ROOT, ".orderflow");
