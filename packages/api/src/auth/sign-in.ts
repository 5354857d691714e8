import type { PrismaClient } from "@minbil/db/client";
import { apiError } from "../errors";
import type { SignInLimits } from "../rate-limits/sign-in-limits";
import { verifyPassword } from "./password";
import { createStaffSession } from "./staff-sessions";

// A hash to verify against when the e-mail is unknown, so that an unknown address takes as long as a
// wrong password and the answer does not tell which it was.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$Ki1Scet29QsR0TI+Gxmg3A$S5z1cWhMF4LnUOWWXKk8HZvMhom3Z8GLDmit4J8fpc0";
/** One address may belong to staff of several workshops; at most this many accounts are tried. */
const MAX_ACCOUNTS_PER_EMAIL = 5;

export interface SignInInput {
  email: string;
  password: string;
  clientIp: string;
  userAgent: string | null;
  knownDevice: boolean;
}

export interface SignedIn {
  userId: string;
  email: string;
  name: string;
  sessionId: string;
  expiresAt: Date;
}

/**
 * Checks a staff member's e-mail and password and opens a session. The attempt is counted against the
 * sign-in limits before the password is checked; a wrong password, an unknown address and a disabled
 * account get the same answer.
 */
export async function signInStaff(deps: { db: PrismaClient; limits: SignInLimits }, input: SignInInput): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const attempt = { email, clientIp: input.clientIp, knownDevice: input.knownDevice };
  const waitSeconds = await deps.limits.take(attempt);
  if (waitSeconds !== null) {
    throw apiError(
      "RATE_LIMITED",
      `Too many sign-in attempts. Try again in ${Math.ceil(waitSeconds / 60)} minute(s).`,
      undefined,
      waitSeconds,
    );
  }
  const candidates = await deps.db.user.findMany({
    where: { email, disabledAt: null },
    orderBy: { createdAt: "asc" },
    take: MAX_ACCOUNTS_PER_EMAIL,
    select: { id: true, name: true, email: true, passwordHash: true },
  });
  let user: (typeof candidates)[number] | undefined;
  for (const candidate of candidates.length ? candidates : [null]) {
    const valid = await verifyPassword(candidate?.passwordHash ?? DUMMY_HASH, input.password);
    if (valid && candidate) {
      user = candidate;
      break;
    }
  }
  if (!user) throw apiError("UNAUTHORIZED", "Wrong e-mail or password");
  await deps.limits.succeeded(attempt);
  const session = await createStaffSession(deps.db, { userId: user.id, userAgent: input.userAgent, clientIp: input.clientIp });
  return { userId: user.id, email: user.email, name: user.name, sessionId: session.id, expiresAt: session.expiresAt };
}
