import { NextResponse, type NextRequest } from "next/server";
import { env } from "~/env";

/**
 * Every page gets a Content-Security-Policy with a fresh nonce (Next.js puts it on its own scripts),
 * so an injected script cannot run; `frame-ancestors 'none'` keeps other sites from framing the inbox
 * (and clicking its buttons through an overlay). The headers that need no nonce are in next.config.ts.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const development = env.NODE_ENV !== "production";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React renders style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  // Browsers honour HSTS over https only; sent when the app's public URL is https.
  if (env.NEXTAUTH_URL?.startsWith("https://")) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  // Pages only: not static files, and not the API (its own server sets its headers).
  matcher: ["/((?!_next/static|_next/image|api/|icon.svg|favicon.ico).*)"],
};
