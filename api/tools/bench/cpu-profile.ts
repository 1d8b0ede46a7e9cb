import { REPO_ROOT } from "../paths";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { dirname, relative } from "node:path";

/** One function's share of a V8 CPU profile (`node --cpu-prof`). */
export interface ProfileLine {
  readonly functionName: string;
  /** file:line, relative to the project when inside it. */
  readonly location: string;
  readonly selfMs: number;
  /** Of the busy time: everything but (idle). */
  readonly selfPercent: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = REPO_ROOT;

/**
 * The nodes under the inspector's own `post` (starting the profiler gathers every script's code
 * positions, a few hundred ms sampled as native `dispatch`): the profiler's work, not the run's.
 */
function profilerNodes(profile: CpuProfile): Set<number> {
  const children = new Map(profile.nodes.map((node) => [node.id, node.children ?? []]));
  const own = new Set<number>();
  const mark = (id: number) => {
    own.add(id);
    for (const child of children.get(id) ?? []) mark(child);
  };
  for (const node of profile.nodes) {
    if (node.callFrame.functionName === "post" && node.callFrame.url === "node:inspector") mark(node.id);
  }
  return own;
}

/** The `top` functions of a .cpuprofile by self time, merged by function and place. */
export function summarizeCpuProfile(file: string, top: number): ProfileLine[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const keyOf = new Map<number, string>();
  const frames = new Map<string, { functionName: string; location: string }>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const path = url.startsWith("file://") ? relative(ROOT, new URL(url).pathname) : url;
    const location = path === "" ? "" : `${path}:${lineNumber + 1}`;
    const name = functionName === "" ? "(anonymous)" : functionName;
    const key = `${name} ${location}`;
    keyOf.set(node.id, key);
    frames.set(key, { functionName: name, location });
  }
  const selfUs = new Map<string, number>();
  const profiler = profilerNodes(profile);
  profile.samples.forEach((id, index) => {
    if (profiler.has(id)) return;
    const key = keyOf.get(id)!;
    selfUs.set(key, (selfUs.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const busyUs = [...selfUs].filter(([key]) => !key.startsWith("(idle)")).reduce((sum, [, us]) => sum + us, 0);
  return [...selfUs]
    .filter(([key]) => !key.startsWith("(idle)"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => ({
      ...frames.get(key)!,
      selfMs: Math.round(us / 1_000),
      selfPercent: Number(((100 * us) / busyUs).toFixed(1)),
    }));
}

/** Self time by where the code lives: an npm package, the project's own code, node's internals, native. */
export function cpuByPackage(file: string): { where: string; selfPercent: number }[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const placeOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url } = node.callFrame;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    placeOf.set(
      node.id,
      pkg ??
        (url.startsWith("node:")
          ? "node internals"
          : url.includes("/api/dist/") || url.includes("/api/dist-tools/src/")
            ? "OrderFlow API"
            : url.includes("/api/dist-tools/tools/")
              ? "the benchmark itself"
              : url === ""
                ? functionName.startsWith("(")
                  ? functionName
                  : "native (syscalls, crypto…)"
                : url),
    );
  }
  const selfUs = new Map<string, number>();
  const profiler = profilerNodes(profile);
  profile.samples.forEach((id, index) => {
    if (profiler.has(id)) return;
    const place = placeOf.get(id)!;
    selfUs.set(place, (selfUs.get(place) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  selfUs.delete("(idle)");
  const busy = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  return [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([where, us]) => ({ where, selfPercent: Number(((100 * us) / busy).toFixed(1)) }));
}

/** Profiles this process from now until `stop`, which writes the .cpuprofile and returns its path. */
export async function startCpuProfile(): Promise<{ stop(file: string): Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

/** Prints a profile's self time by package and its top functions. */
export function printProfile(file: string, top = 15): void {
  const lines = [
    `\nCPU profile ${relative(REPO_ROOT, file)}: self time by package (of the busy time)`,
    ...cpuByPackage(file).map((p) => `${p.selfPercent.toFixed(1).padStart(6)}  ${p.where}`),
    `\ntop functions by self time`,
    ...summarizeCpuProfile(file, top).map(
      (l) => `${l.selfPercent.toFixed(1).padStart(6)}  ${l.functionName}  ${l.location}`,
    ),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
