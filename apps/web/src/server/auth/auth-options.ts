import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { verifyPassword } from "@minbil/api/auth/password";
import { getServices } from "../services";
import { authSecret } from "./auth-secret";
import { clearLoginFailures, loginDelayMs, recordLoginFailure } from "./login-throttle";

// A hash to verify against when the e-mail is unknown, so that an unknown address takes as long as a
// wrong password and the answer does not tell which it was.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$Ki1Scet29QsR0TI+Gxmg3A$S5z1cWhMF4LnUOWWXKk8HZvMhom3Z8GLDmit4J8fpc0";

const credentials = z.object({ email: z.string().trim().toLowerCase().email().max(200), password: z.string().min(1).max(500) });

export const authOptions: NextAuthOptions = {
  // Read when a request needs it, not when the module loads (the build loads it without secrets).
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-post og passord",
      credentials: { email: { label: "E-post", type: "email" }, password: { label: "Passord", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const forwarded = (request?.headers?.["x-forwarded-for"] as string | undefined)?.split(",")[0]?.trim();
        const keys = [`email:${parsed.data.email}`, ...(forwarded ? [`ip:${forwarded}`] : [])];
        const delay = loginDelayMs(keys);
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));

        const { db } = await getServices();
        const user = await db.user.findUnique({
          where: { email: parsed.data.email },
          select: { id: true, name: true, email: true, passwordHash: true, disabledAt: true },
        });
        const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
        if (!user || !valid || user.disabledAt) {
          recordLoginFailure(keys);
          return null;
        }
        clearLoginFailures(keys);
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
