import type { Request, RequestHandler, Response } from "express";
import { stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

/** The copies the client's build writes beside each text file (client/vite-plugins/precompress.ts), best first. */
const VARIANTS = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

/** Files the build may have compressed; others are never looked up. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt)$/;

/** How a file is sent: its caching headers (as for res.sendFile). */
export interface SendOptions {
  readonly maxAge?: string;
  readonly immutable?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cacheControl?: boolean;
}

/**
 * The encodings of `Accept-Encoding` the server has copies for, best first: brotli, then gzip,
 * each unless refused (`q=0`), explicitly or through `*`. Empty: send the file as it is.
 */
export function acceptedEncodings(header: string | undefined): string[] {
  const quality = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (name === "") continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    quality.set(name, q === undefined ? 1 : Number(q));
  }
  return VARIANTS.map((v) => v.encoding).filter((encoding) => (quality.get(encoding) ?? quality.get("*") ?? 0) > 0);
}

/**
 * Sends `file` as its pre-compressed copy (`file.br`, `file.gz`) when the request accepts that
 * encoding and the copy exists, with the original's Content-Type and `Vary: Accept-Encoding`;
 * calls `fallback` otherwise (the file as it is, or a 404).
 */
export async function sendPrecompressed(
  req: Request,
  res: Response,
  file: string,
  options: SendOptions,
  fallback: () => void,
): Promise<void> {
  if ((req.method !== "GET" && req.method !== "HEAD") || !COMPRESSIBLE.test(file)) return fallback();
  // Caches keep one copy per encoding, the uncompressed one included.
  res.vary("Accept-Encoding");
  for (const encoding of acceptedEncodings(req.headers["accept-encoding"])) {
    const variant = `${file}${VARIANTS.find((v) => v.encoding === encoding)?.suffix}`;
    if (!(await isFile(variant))) continue;
    res.type(extname(file));
    res.setHeader("Content-Encoding", encoding);
    res.sendFile(variant, options, (error?: Error) => {
      if (error !== undefined && !res.headersSent) {
        res.removeHeader("Content-Encoding");
        fallback();
      }
    });
    return;
  }
  fallback();
}

/** Serves the pre-compressed copies of the files under `root` (see {@link sendPrecompressed}). */
export function precompressedStatic(root: string, options: SendOptions): RequestHandler {
  const base = resolve(root);
  return (req, res, next) => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = resolve(base, `.${path}`);
    if (!file.startsWith(base + sep) || path.includes("\0")) return next();
    sendPrecompressed(req, res, file, options, () => next()).catch(next);
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
