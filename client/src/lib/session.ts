/** Where the access token is kept between visits. */
const TOKEN_KEY = "orderflow.token";

/** Told when the token changes (login, logout, expiry), so the app can react. */
const listeners = new Set<() => void>();

/** The stored access token, or null when logged out. */
export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token === null) localStorage.removeItem(TOKEN_KEY);
  else localStorage.setItem(TOKEN_KEY, token);
  for (const listener of listeners) listener();
}

/** Subscribes to token changes; returns the unsubscribe function. */
export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes of this tab's own credentials under way (logout, password change). */
let credentialChanges = 0;

/**
 * Runs a change of this tab's own credentials. The API closes the old session's sockets while it
 * runs: that is this tab's own doing, not its session ended elsewhere (see endSession).
 */
export async function changeCredentials<T>(change: () => Promise<T>): Promise<T> {
  credentialChanges += 1;
  try {
    return await change();
  } finally {
    credentialChanges -= 1;
  }
}

/** Why the API stopped accepting a session: its token expired, or it was revoked elsewhere. */
export type SessionEnd = "expired" | "revoked";

/**
 * Ends the session whose token is `token` at once, because the API no longer accepts it: forgets
 * the token and goes to the login page, which says why. Nothing happens when this tab has moved on
 * meanwhile (it is changing its own credentials, or holds another token by now).
 */
export function endSession(token: string | null, why: SessionEnd): void {
  if (token === null || credentialChanges > 0 || getToken() !== token) return;
  setToken(null);
  window.location.assign(`/login?ended=${why}&next=${encodeURIComponent(window.location.pathname)}`);
}
