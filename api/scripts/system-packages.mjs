#!/usr/bin/env node
// The system packages the tests use, brought before the first test (`npm test` runs this first):
// Java and Maven (the embedded database), redis-server (the Redis tests, the local cluster), nginx
// (the cluster's proxy and the rolling-restart test), chromium (the client's browser tests), curl
// (the integrators' guide's examples) and an emoji font (their screenshots). Missing ones are
// installed with apt-get when this runs as root on a Debian-like system; otherwise it stops at once
// with the one command to run.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";

/** What each package provides, and how to tell it is there. */
const PACKAGES = [
  { name: "openjdk-17-jdk-headless", why: "the embedded database (java, javac)", present: () => onPath("javac") },
  { name: "maven", why: "the embedded database's jars", present: () => onPath("mvn") },
  { name: "redis-server", why: "the Redis and cluster tests", present: () => onPath("redis-server") },
  { name: "nginx-light", why: "the cluster's proxy", present: () => onPath("nginx") || existsSync("/usr/sbin/nginx") },
  { name: "chromium", why: "the client's browser tests", present: () => onPath("chromium") },
  { name: "curl", why: "the integrators' guide's examples", present: () => onPath("curl") },
  {
    name: "fonts-noto-color-emoji",
    why: "emoji in the screenshots",
    present: () => existsSync("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
  },
];

function onPath(command) {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const missing = PACKAGES.filter((p) => !p.present());
if (missing.length === 0) {
  console.log("system packages: java, maven, redis-server, nginx, chromium, curl and the emoji font are present");
  process.exit(0);
}
const names = missing.map((p) => p.name);
const list = missing.map((p) => `  ${p.name}: ${p.why}`).join("\n");
const command = `apt-get update && apt-get install -y --no-install-recommends ${names.join(" ")}`;

if (!onPath("apt-get") && !existsSync("/usr/bin/apt-get")) {
  console.error(
    `The tests need these system packages, which are missing:\n${list}\nInstall them with your system's package manager, then run npm test again.`,
  );
  process.exit(1);
}
if (process.getuid?.() !== 0) {
  console.error(
    `The tests need these Debian packages, which are missing:\n${list}\nInstall them, then run npm test again:\n\n  sudo sh -c '${command}'\n`,
  );
  process.exit(1);
}

console.log(`system packages: installing ${names.join(", ")} (a minute or two, once)…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
const run = (args) => spawnSync(args[0], args.slice(1), { stdio: "inherit", env }).status === 0;
// No service may start during the install (a container has no init, and the tests start their own
// redis-server and nginx on free ports): deny starts as Docker images do, unless a policy exists.
const policy = "/usr/sbin/policy-rc.d";
const ownPolicy = !existsSync(policy);
if (ownPolicy) writeFileSync(policy, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
try {
  if (!run(["apt-get", "update", "-qq"])) throw new Error("apt-get update failed");
  if (!run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...names])) {
    // A service that an existing policy let start, and that failed to, is no reason to stop.
    run(["dpkg", "--configure", "-a"]);
  }
} finally {
  if (ownPolicy) rmSync(policy, { force: true });
}
const still = missing.filter((p) => !p.present()).map((p) => p.name);
if (still.length > 0) {
  console.error(`system packages: still missing after apt-get: ${still.join(", ")}`);
  process.exit(1);
}
console.log("system packages: installed");
