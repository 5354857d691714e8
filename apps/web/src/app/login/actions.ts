"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signInStaff } from "@minbil/api/auth/sign-in";
import { revokeStaffSession, STAFF_SESSION_SECONDS } from "@minbil/api/auth/staff-sessions";
import { describeError } from "@minbil/api/describe-error";
import { getServices } from "~/server/services";
import { CLIENT_IP_HEADER } from "~/server/auth/client-ip";
import { getStaffSession } from "~/server/auth/staff-session";
import {
  KNOWN_DEVICE_COOKIE,
  KNOWN_DEVICE_MAX_AGE,
  isKnownDevice,
  isLegacyKnownDevice,
  knownDeviceAccountId,
  knownDeviceCookie,
} from "~/server/auth/known-device";
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS, encodeSessionToken } from "~/server/auth/session-cookie";
import { safeCallbackPath } from "~/server/auth/safe-callback";

export interface SignInState {
  error: "invalid" | "rate_limited" | "unavailable" | null;
  /** Minutes to wait when rate limited. */
  waitMinutes?: number;
  email?: string;
}

const credentials = z.object({
  email: z.string().trim().toLowerCase().max(200),
  password: z.string().max(500),
  callbackUrl: z.string().max(2000).optional(),
});

/**
 * Signs a staff member in: a Server Action, so the form works as a plain POST before (or without) the
 * page's script, and Next.js refuses it from other origins. Credentials never appear in a URL.
 */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = credentials.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success || !parsed.data.email || !parsed.data.password) return { error: "invalid", email: parsed.data?.email };
  const { email, password } = parsed.data;
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  let signedIn;
  let device;
  try {
    const services = await getServices();
    // The account this browser signed in to before (its cookie says which), if it is this address's.
    const deviceCookie = cookieStore.get(KNOWN_DEVICE_COOKIE)?.value;
    const claimed = knownDeviceAccountId(deviceCookie);
    const knownAccount = claimed
      ? await services.db.user.findFirst({ where: { id: claimed, email, disabledAt: null }, select: { id: true, passwordHash: true } })
      : null;
    signedIn = await signInStaff(
      { db: services.db, limits: services.limits.signIn },
      {
        email,
        password,
        clientIp: requestHeaders.get(CLIENT_IP_HEADER) ?? "unknown",
        userAgent: requestHeaders.get("user-agent"),
        knownDevice: isKnownDevice(deviceCookie, knownAccount) || isLegacyKnownDevice(deviceCookie, email),
      },
    );
    device = await services.db.user.findUniqueOrThrow({ where: { id: signedIn.userId }, select: { id: true, passwordHash: true } });
  } catch (error) {
    const described = describeError(error);
    if (described.code === "RATE_LIMITED")
      return { error: "rate_limited", waitMinutes: Math.ceil((described.retryAfter ?? 60) / 60), email };
    if (described.code === "UNAUTHORIZED") return { error: "invalid", email };
    if (described.code !== "SERVICE_UNAVAILABLE") console.error(error);
    return { error: "unavailable", email };
  }
  cookieStore.set(SESSION_COOKIE, await encodeSessionToken(signedIn), { ...SESSION_COOKIE_OPTIONS, maxAge: STAFF_SESSION_SECONDS });
  cookieStore.set(KNOWN_DEVICE_COOKIE, knownDeviceCookie(device), { ...SESSION_COOKIE_OPTIONS, maxAge: KNOWN_DEVICE_MAX_AGE });
  redirect(safeCallbackPath(parsed.data.callbackUrl));
}

/** Signs out: ends this session on the server (a copied cookie stops working too) and drops the cookie. */
export async function signOut(): Promise<void> {
  const session = await getStaffSession();
  if (session) {
    const { db } = await getServices();
    await revokeStaffSession(db, session.sessionId);
  }
  (await cookies()).delete(SESSION_COOKIE);
  redirect("/login?signedOut=1");
}
