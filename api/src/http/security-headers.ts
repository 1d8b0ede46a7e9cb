import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * The web client's Content-Security-Policy: only its own scripts (no inline script), styles,
 * images and fonts; requests and the WebSocket only to this origin ('self' covers ws: and wss:);
 * never in a frame. deploy/nginx/orderflow.conf.template sends the same headers, and a test
 * compares the two.
 */
export const CLIENT_CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self' data:;" +
  "connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

/** Sent on every response, the API's and the client's alike. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
};

/** Sent in production, where a proxy terminates TLS (browsers ignore it over plain HTTP). */
export const HSTS = "max-age=31536000; includeSubDomains";

/** The headers every response carries (helmet), HSTS in production. */
export function securityHeaders(production: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: false,
    xContentTypeOptions: true,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The rest of helmet's defaults are left to the deployment: cross-origin isolation headers
    // would change how integrators' browsers may call the API.
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}

/** The client's Content-Security-Policy, for the pages and files of the web client. */
export function clientContentSecurityPolicy(): RequestHandler {
  const directives = Object.fromEntries(
    CLIENT_CSP.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
  return helmet.contentSecurityPolicy({ useDefaults: false, directives });
}
