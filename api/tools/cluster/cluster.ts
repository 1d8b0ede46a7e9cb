import { REPO_ROOT } from "../paths";
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { startEmbeddedServer, type EmbeddedServer } from "../../src/db/embedded-server";
import { startMailCatcher, type MailCatcher } from "../../src/mail/mail-catcher";
import { spawnApi, type ApiProcess } from "./api-process";
import { freePort } from "../../src/lib/free-port";
import { NGINX_TEMPLATE, startNginx, upstreamFailTimeoutMs, type Nginx } from "./nginx";
import { startRedisServer, type RedisServer } from "./redis-server";

/** The built web client, served by nginx. */
export const CLIENT_DIST = join(REPO_ROOT, "client", "dist");

export const INSTANCE_NAMES = ["api-1", "api-2"] as const;
export type InstanceName = (typeof INSTANCE_NAMES)[number];

export interface ClusterOptions {
  /** Secrets (JWT key, admin and demo passwords), nginx's files and the instances' logs. */
  readonly dataDir: string;
  /** nginx's port on 127.0.0.1. @default a free port */
  readonly port?: number;
  /** A MongoDB to use; otherwise the embedded server is started (with `databaseFile`, if given). */
  readonly mongodbUri?: string;
  /** The embedded server's H2 file; in memory when absent. */
  readonly databaseFile?: string;
  /** An SMTP server for the instances; otherwise MailDev is started (inbox on `mailPorts.web`). */
  readonly smtpUrl?: string;
  readonly mailPorts?: { readonly smtp: number; readonly web: number };
  /** More environment for both instances (it wins over the cluster's own). */
  readonly env?: Readonly<Record<string, string>>;
  /** Options for node itself in both instances, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /**
   * Runs the instances as deployed: NODE_ENV=production (no introspection or sandbox; graphql-js
   * and Express without their development checks), with the cluster's JWT key as JWT_SECRET. What
   * the load test measures. @default false: development, as `npm run cluster` serves people
   */
  readonly production?: boolean;
  readonly progress?: (line: string) => void;
}

export interface ClusterInstance {
  readonly name: InstanceName;
  /** The instance's own address, bypassing nginx. */
  readonly url: string;
  /** The running process; replaced by `restart`. */
  readonly process: ApiProcess;
}

export interface Cluster {
  /** nginx: the web client and /graphql (HTTP and WebSocket) of both instances. */
  readonly url: string;
  readonly mongodbUri: string;
  readonly redisUrl: string;
  /** MailDev's inbox, when the cluster started one. */
  readonly inboxUrl: string | undefined;
  readonly adminEmail: string;
  readonly adminPassword: string;
  readonly instances: readonly ClusterInstance[];
  /**
   * Stops the instance gracefully (SIGTERM: it drains), starts it again on the same port, and
   * returns once nginx sends it requests again, so that the other one may be restarted next.
   */
  restart(name: InstanceName): Promise<void>;
  /** Stops everything: nginx, the instances, Redis, mail, the database. Idempotent. */
  stop(): Promise<void>;
}

/** Waits until the instance answers /readyz with 200 (its database reachable); fails if it exits first. */
async function untilReady(api: ApiProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void api.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`it exited:\n${api.lines.slice(-20).join("\n")}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline)
      throw new Error(`no ready answer within ${timeoutMs} ms:\n${api.lines.slice(-20).join("\n")}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * The topology of docker-compose.yml on one machine: a database, a redis-server, two API instances
 * sharing both, and nginx in front (deploy/nginx/orderflow.conf.template) serving the built client.
 * Instance 1 starts first so that only one of them creates the first admin and the demo data.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const progress = options.progress ?? (() => undefined);
  const started: { db?: EmbeddedServer; redis?: RedisServer; mail?: MailCatcher; nginx?: Nginx } = {};
  const instances: { name: InstanceName; port: number; url: string; process: ApiProcess }[] = [];
  const logs: WriteStream[] = [];

  const stopAll = async () => {
    await started.nginx?.stop();
    await Promise.all(instances.map((instance) => instance.process.stop()));
    await started.redis?.stop();
    await started.mail?.stop();
    await started.db?.stop();
    await Promise.all(logs.map((log) => new Promise((done) => log.end(done))));
  };

  try {
    const port = options.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const logDir = join(options.dataDir, "logs");
    mkdirSync(logDir, { recursive: true });

    let mongodbUri = options.mongodbUri;
    if (mongodbUri === undefined) {
      progress("starting the embedded database (mongo-java-server)");
      started.db = await startEmbeddedServer({
        ...(options.databaseFile !== undefined ? { file: options.databaseFile } : {}),
        progress,
      });
      mongodbUri = `${started.db.uri}/orderflow`;
    }
    progress("starting redis-server");
    started.redis = await startRedisServer();
    let smtpUrl = options.smtpUrl;
    if (smtpUrl === undefined) {
      const ports = options.mailPorts ?? { smtp: await freePort(), web: await freePort() };
      started.mail = await startMailCatcher({ smtp: ports.smtp, web: ports.web });
      smtpUrl = started.mail.smtpUrl;
    }

    const env: Record<string, string> = {
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      MONGODB_URI: mongodbUri,
      REDIS_URL: started.redis.url,
      SMTP_URL: smtpUrl,
      DATA_DIR: options.dataDir,
      PUBLIC_URL: url,
      ALLOWED_ORIGINS: [url, `http://localhost:${port}`].join(","),
      // nginx on loopback adds X-Forwarded-For: believe it, so per-IP limits see the real client.
      TRUST_PROXY: "loopback",
      LOG_LEVEL: "info",
      ...options.env,
    };
    // The JWT key, the first admin's and the demo password, created once here so that both
    // instances read the same files rather than racing to create them.
    const config = loadConfig(env);
    if (config.adminEmail === undefined || config.adminPassword === undefined) {
      throw new Error("the cluster needs a first admin: set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither");
    }

    const production: Record<string, string> =
      options.production === true && config.jwtSecret !== undefined
        ? { NODE_ENV: "production", JWT_SECRET: config.jwtSecret }
        : {};
    const spawnInstance = async (name: InstanceName, apiPort: number): Promise<ApiProcess> => {
      const log = createWriteStream(join(logDir, `${name}.log`), { flags: "a" });
      logs.push(log);
      const api = spawnApi(
        { ...env, ...production, PORT: String(apiPort) },
        {
          onLine: (line) => log.write(`${line}\n`),
          ...(options.nodeArgs !== undefined ? { nodeArgs: options.nodeArgs } : {}),
        },
      );
      try {
        await untilReady(api, `http://127.0.0.1:${apiPort}`, 60_000);
      } catch (error) {
        await api.stop(1_000);
        throw new Error(`${name} did not start: ${error instanceof Error ? error.message : String(error)}`);
      }
      return api;
    };
    for (const name of INSTANCE_NAMES) {
      progress(`starting ${name}`);
      const apiPort = await freePort();
      const api = await spawnInstance(name, apiPort);
      instances.push({ name, port: apiPort, url: `http://127.0.0.1:${apiPort}`, process: api });
    }

    progress("starting nginx");
    const [first, second] = instances;
    started.nginx = await startNginx({
      dir: join(options.dataDir, "nginx"),
      port,
      clientRoot: CLIENT_DIST,
      upstreams: [`127.0.0.1:${first.port}`, `127.0.0.1:${second.port}`],
    });

    let stopping: Promise<void> | undefined;
    return {
      url,
      mongodbUri,
      redisUrl: started.redis.url,
      inboxUrl: started.mail?.inboxUrl,
      adminEmail: config.adminEmail,
      adminPassword: config.adminPassword,
      instances,
      async restart(name) {
        const instance = instances.find((candidate) => candidate.name === name);
        if (instance === undefined) throw new Error(`no instance ${name}`);
        await instance.process.stop();
        instance.process = await spawnInstance(name, instance.port);
        // nginx marked the instance failed while it was down and tries it again only after
        // fail_timeout: restarting the other one before then would leave nginx no instance at all.
        await new Promise((done) => setTimeout(done, upstreamFailTimeoutMs(readFileSync(NGINX_TEMPLATE, "utf8"))));
      },
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
