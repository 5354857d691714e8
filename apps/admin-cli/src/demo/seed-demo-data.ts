import type { PrismaClient } from "@minbil/db/client";
import { createApiToken, generateApiTokenSecret, hashApiToken } from "@minbil/api/auth/api-token";
import type { Actor } from "@minbil/api/auth/auth-context";
import { hashPassword } from "@minbil/api/auth/password";
import { createBooking } from "@minbil/api/bookings/create-booking";
import type { AttachmentStorage } from "@minbil/api/attachments/storage";
import { createInProcessEventBus } from "@minbil/api/events/event-bus";
import { sendMessage } from "@minbil/api/messages/send-message.handler";
import { markThreadRead } from "@minbil/api/messages/mark-thread-read.handler";
import { DEMO_PASSWORD, DEMO_WORKSHOPS, type DemoWorkshop } from "./demo-workshops";
import { textPdf } from "./demo-pdf";

const HOUR = 3_600_000;
export const DEMO_TOKEN_NAME = "Demo integration";

export interface SeededWorkshop {
  slug: string;
  name: string;
  created: boolean;
  token: string;
  staff: { email: string; role: string }[];
}

/**
 * Creates the demo workshops that do not exist yet, with staff, bookings and conversations written
 * through the same handlers as the API. Every run prints a usable API token per workshop: `fixedTokens`
 * (from MINBIL_WS_ACCESS_TOKEN) is used as is, otherwise a fresh one replaces the previous demo token.
 */
export async function seedDemoData(
  db: PrismaClient,
  storage: AttachmentStorage,
  fixedTokens: Record<string, string | undefined> = {},
): Promise<SeededWorkshop[]> {
  const result: SeededWorkshop[] = [];
  for (const demo of DEMO_WORKSHOPS) {
    const existing = await db.workshop.findUnique({ where: { slug: demo.slug } });
    const workshop = existing ?? (await createDemoWorkshop(db, storage, demo));
    const token = await ensureDemoToken(db, workshop.id, fixedTokens[demo.slug]);
    result.push({
      slug: demo.slug,
      name: demo.name,
      created: !existing,
      token,
      staff: demo.staff.map(({ email, role }) => ({ email, role })),
    });
  }
  return result;
}

/** Makes sure `secret` (or, without one, a new secret) is a live demo token of the workshop; returns it. */
export async function ensureDemoToken(db: PrismaClient, workshopId: string, secret?: string): Promise<string> {
  if (secret) {
    const existing = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(secret) } });
    if (existing && existing.workshopId === workshopId && !existing.revokedAt) return secret;
    if (existing) throw new Error("MINBIL_WS_ACCESS_TOKEN is already used by another (or a revoked) token; choose another value.");
  }
  await db.apiToken.updateMany({ where: { workshopId, name: DEMO_TOKEN_NAME, revokedAt: null }, data: { revokedAt: new Date() } });
  return (await createApiToken(db, workshopId, DEMO_TOKEN_NAME, secret ?? generateApiTokenSecret())).secret;
}

async function createDemoWorkshop(db: PrismaClient, storage: AttachmentStorage, demo: DemoWorkshop) {
  const workshop = await db.workshop.create({ data: { slug: demo.slug, name: demo.name } });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff = [];
  for (const member of demo.staff) {
    staff.push(
      await db.user.create({ data: { workshopId: workshop.id, email: member.email, name: member.name, role: member.role, passwordHash } }),
    );
  }
  // The booking platform relays what customers write through an API token of its own.
  const platform = await createApiToken(db, workshop.id, "Kundeportal (demo)");
  const platformActor: Actor = { kind: "api_token", tokenId: platform.id, name: platform.name };
  const owner = staff[0]!;
  const staffActor: Actor = { kind: "staff", userId: owner.id, name: owner.name, role: owner.role };
  const events = createInProcessEventBus();
  const now = Date.now();

  for (const [index, thread] of demo.threads.entries()) {
    const booking = await createBooking(db, {
      workshopId: workshop.id,
      customer: thread.customer,
      reference: `${demo.referencePrefix}-${24100 + index}`,
      service: thread.service,
      scheduledAt: new Date(Math.round((now + thread.scheduledInHours * HOUR) / (30 * 60_000)) * 30 * 60_000),
      status: thread.status,
      vehicle: thread.vehicle,
    });
    for (const message of [...thread.messages].sort((a, b) => b.hoursAgo - a.hoursAgo)) {
      await sendMessage(
        {
          db,
          storage,
          events,
          workshopId: workshop.id,
          actor: message.from === "workshop" ? staffActor : platformActor,
          now: () => new Date(now - message.hoursAgo * HOUR),
        },
        {
          booking_id: booking.id,
          body: message.body,
          sender_type: message.from,
          attachments: message.pdf ? [new File([textPdf(message.pdf.lines)], message.pdf.name, { type: "application/pdf" })] : [],
        },
      );
    }
    if (thread.read) await markThreadRead({ db, events, workshopId: workshop.id }, { booking_id: booking.id, read: true });
  }
  return workshop;
}

export { DEMO_PASSWORD };
