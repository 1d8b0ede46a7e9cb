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
