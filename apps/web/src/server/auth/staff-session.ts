import "server-only";
import { getServerSession } from "next-auth";
import type { StaffSession } from "@minbil/api/auth/auth-context";
import { authOptions } from "./auth-options";

/** The signed-in staff member of the current request, or null. */
export async function getStaffSession(): Promise<StaffSession | null> {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  return userId ? { userId } : null;
}
