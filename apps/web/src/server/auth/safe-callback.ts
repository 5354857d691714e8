const BASE = "http://callback.invalid";

/**
 * Where to go after sign-in: a path on this site, or /inbox. Parsed the way a browser would (which
 * turns "/\evil.example" and "/\t/evil.example" into "//evil.example"), and refused unless it stays on
 * our origin and does not start with two slashes.
 */
export function safeCallbackPath(value: unknown, fallback = "/inbox"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== BASE || path.startsWith("//") || path.startsWith("/\\") || path.startsWith("/login")) return fallback;
  return path;
}
