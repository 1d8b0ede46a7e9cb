import { REPO_ROOT } from "../paths";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { findExecutable, supervise } from "./supervised";

/** The proxy's configuration, shared with docker-compose.yml (deploy/nginx). */
export const NGINX_TEMPLATE = join(REPO_ROOT, "deploy", "nginx", "orderflow.conf.template");

/** The values deploy/nginx/orderflow.conf.template asks for. */
export interface NginxTemplateValues {
  readonly LISTEN_PORT: string;
  readonly CLIENT_ROOT: string;
  readonly API_1: string;
  readonly API_2: string;
}

/**
 * Fills `${NAME}` in the template as the nginx image's envsubst would. Every placeholder must have
 * a value, so that a variable added to the template cannot go unnoticed here.
 */
export function renderTemplate(template: string, values: NginxTemplateValues): string {
  return template.replace(/\$\{([A-Z0-9_]+)\}/g, (_match, name: string) => {
    const value = (values as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`the nginx template asks for \${${name}}, which has no value`);
    return value;
  });
}

/**
 * How long nginx leaves an upstream out after a failed connection (`fail_timeout` in the template).
 * An instance that is ready again still gets no requests from nginx for up to this long.
 */
export function upstreamFailTimeoutMs(template: string): number {
  const match = /fail_timeout=(\d+)s/.exec(template);
  if (match === null) throw new Error("the nginx template sets no fail_timeout (in seconds) on its upstreams");
  return Number(match[1]) * 1_000;
}

/** A running nginx in front of the API instances. */
export interface Nginx {
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Graceful stop (SIGQUIT lets open requests finish), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface NginxOptions {
  /** Where the configuration, pid file, temp files and error log go. */
  readonly dir: string;
  readonly port: number;
  readonly clientRoot: string;
  /** The two API instances, host:port. */
  readonly upstreams: readonly [string, string];
}

/** The main configuration around the shared template: everything nginx writes stays under `dir`. */
function mainConfig(dir: string): string {
  const temp = (name: string) => join(dir, "temp", name);
  return `# Written by npm run cluster (api/tools/cluster/nginx.ts) on every start.
daemon off;
worker_processes 1;
# Each subscriber holds two sockets: to the client and to an API instance.
worker_rlimit_nofile 16384;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} warn;
${process.getuid?.() === 0 ? "# Running as root: workers run as root too, to read the client and write the temp files.\nuser root;\n" : ""}
events {
    worker_connections 8192;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path ${temp("client_body")};
    proxy_temp_path ${temp("proxy")};
    fastcgi_temp_path ${temp("fastcgi")};
    uwsgi_temp_path ${temp("uwsgi")};
    scgi_temp_path ${temp("scgi")};
    include ${join(dir, "orderflow.conf")};
}
`;
}

/** Writes the configuration into `dir` (the rendered template, and a main file around it); returns the nginx binary. */
export function writeNginxConfig(options: NginxOptions): { binary: string; config: string } {
  const binary = findExecutable("nginx", ["/usr/sbin", "/usr/local/sbin"]);
  if (binary === undefined) {
    throw new Error(
      "nginx is not installed: the cluster puts it in front of the API (Debian: apt-get install nginx-light).",
    );
  }
  mkdirSync(join(options.dir, "temp"), { recursive: true });
  const [api1, api2] = options.upstreams;
  const values = {
    LISTEN_PORT: `127.0.0.1:${options.port}`,
    CLIENT_ROOT: options.clientRoot,
    API_1: api1,
    API_2: api2,
  };
  writeFileSync(join(options.dir, "orderflow.conf"), renderTemplate(readFileSync(NGINX_TEMPLATE, "utf8"), values));
  const config = join(options.dir, "nginx.conf");
  writeFileSync(config, mainConfig(options.dir));
  return { binary, config };
}

/** Starts nginx with the shared template and waits until it answers on `port`. */
export async function startNginx(options: NginxOptions, timeoutMs = 10_000): Promise<Nginx> {
  const { binary, config } = writeNginxConfig(options);
  const args = ["-p", options.dir, "-e", join(options.dir, "error.log"), "-c", config];
  // Its own process group: a Ctrl-C in the terminal reaches the parent only, which stops it in order.
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => lines.push(line));
  createInterface({ input: child.stderr }).on("line", (line) => lines.push(line));
  const supervised = supervise(child, { group: true });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = (graceMs = 10_000) => supervised.stop("SIGQUIT", graceMs);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (supervised.hasExited()) {
      const log = readFileSync(join(options.dir, "error.log"), "utf8").split("\n").slice(-20).join("\n");
      throw new Error(`nginx exited at start (code ${child.exitCode}):\n${lines.join("\n")}\n${log}`);
    }
    const answered = await fetch(`${url}/index.html`, { method: "HEAD" }).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) {
      await stop(1_000);
      throw new Error(`nginx did not answer on ${url} within ${timeoutMs} ms:\n${lines.join("\n")}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return { port: options.port, url, child, stop };
}
