import type { PrismaClient } from "@minbil/db/client";
import { createApiToken, hashApiToken } from "@minbil/api/auth/api-token";
import type { Actor } from "@minbil/api/auth/auth-context";
import { hashPassword } from "@minbil/api/auth/password";
import { createBooking } from "@minbil/api/bookings/create-booking";
import type { AttachmentStorage } from "@minbil/api/attachments/storage";
import { createInProcessEventBus } from "@minbil/api/events/event-bus";
import { sendMessage } from "@minbil/api/messages/send-message.handler";
import { updateThread } from "@minbil/api/threads/update-thread.handler";
import { markThreadRead } from "@minbil/api/messages/mark-thread-read.handler";
import { createWorkshop } from "@minbil/api/workshops/create-workshop";
import { DEMO_PASSWORD, DEMO_WORKSHOPS, type DemoWorkshop } from "./demo-workshops";
import { textPdf } from "./demo-pdf";

const HOUR = 3_600_000;
export const DEMO_TOKEN_NAME = "Demo integration";
/** The name of the token whose secret MINBIL_WS_ACCESS_TOKEN chose. */
export const FIXED_TOKEN_NAME = "MINBIL_WS_ACCESS_TOKEN";

export interface SeededWorkshop {
  slug: string;
  name: string;
  /** Created by this run (false: it was there already and was left as it was). */
  created: boolean;
  /** A token secret made by this run (shown once), if any. */
  newToken: string | null;
  /** MINBIL_WS_ACCESS_TOKEN, when it is (now) this workshop's token. */
  fixedToken: string | null;
  /** Why MINBIL_WS_ACCESS_TOKEN could not become this workshop's token. */
  fixedTokenProblem: string | null;
  staff: { email: string; role: string }[];
}

export interface SeedOptions {
  /** MINBIL_WS_ACCESS_TOKEN: becomes nordlys-bil's token (added beside any others, never replacing them). */
  fixedToken?: string;
  /** Also give each existing demo workshop a new token (`pnpm db:seed`), beside the ones it has. */
  newTokenForExisting?: boolean;
}

/**
 * Creates the demo workshops that do not exist yet, with staff, bookings and conversations written
 * through the same handlers as the API. Nothing that exists is changed or revoked: a token printed
 * earlier keeps working.
 */
export async function seedDemoData(db: PrismaClient, storage: AttachmentStorage, options: SeedOptions = {}): Promise<SeededWorkshop[]> {
  const result: SeededWorkshop[] = [];
  for (const demo of DEMO_WORKSHOPS) {
    const existing = await db.workshop.findUnique({ where: { slug: demo.slug } });
    const workshop = existing ?? (await createDemoWorkshop(db, storage, demo));
    const fixed = demo.slug === "nordlys-bil" && options.fixedToken ? await addFixedToken(db, workshop.id, options.fixedToken) : null;
    const wantsNewToken = !existing ? !fixed?.token : options.newTokenForExisting;
    const newToken = wantsNewToken ? (await createApiToken(db, workshop.id, DEMO_TOKEN_NAME)).secret : null;
    result.push({
      slug: demo.slug,
      name: demo.name,
      created: !existing,
      newToken,
      fixedToken: fixed?.token ?? null,
      fixedTokenProblem: fixed?.problem ?? null,
      staff: demo.staff.map(({ email, role }) => ({ email, role })),
    });
  }
  return result;
}

/** Makes `secret` a live token of the workshop, unless it is taken (another workshop's, or revoked). */
async function addFixedToken(
  db: PrismaClient,
  workshopId: string,
  secret: string,
): Promise<{ token: string | null; problem: string | null }> {
  const existing = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(secret) } });
  if (!existing) {
    await createApiToken(db, workshopId, FIXED_TOKEN_NAME, secret);
    return { token: secret, problem: null };
  }
  if (existing.workshopId !== workshopId) return { token: null, problem: "it is already another workshop's token" };
  if (existing.revokedAt) return { token: null, problem: "that token was revoked; choose another value" };
  return { token: secret, problem: null };
}

async function createDemoWorkshop(db: PrismaClient, storage: AttachmentStorage, demo: DemoWorkshop) {
  const workshop = await createWorkshop(db, { slug: demo.slug, name: demo.name, phone: demo.phone });
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
          visibility: message.note ? "internal" : "customer",
          attachments: message.pdf ? [new File([textPdf(message.pdf.lines)], message.pdf.name, { type: "application/pdf" })] : [],
        },
      );
    }
    for (const [earlierIndex, earlier] of (thread.earlier ?? []).entries()) {
      const past = await createBooking(db, {
        workshopId: workshop.id,
        customer: { id: booking.customerId },
        reference: `${demo.referencePrefix}-${23100 + index * 10 + earlierIndex}`,
        service: earlier.service,
        scheduledAt: new Date(Math.round((now - earlier.daysAgo * 24 * HOUR) / HOUR) * HOUR),
        status: "COMPLETED",
        vehicle: thread.vehicle,
      });
      await updateThread({ db, events, workshopId: workshop.id, actor: staffActor }, { booking_id: past.id, state: "done" });
      // Listed by when it happened, not by when the demo was made.
      await db.thread.update({ where: { bookingId: past.id }, data: { lastActivityAt: new Date(now - earlier.daysAgo * 24 * HOUR) } });
    }
    if (thread.state || thread.assignee !== undefined) {
      const assignee = thread.assignee === undefined ? undefined : staff[thread.assignee]!.id;
      await updateThread(
        { db, events, workshopId: workshop.id, actor: staffActor },
        { booking_id: booking.id, state: thread.state, assignee_id: assignee },
      );
    }
    if (thread.read) {
      for (const member of staff) {
        await markThreadRead({ db, events, workshopId: workshop.id, viewerId: member.id }, { booking_id: booking.id, read: true });
      }
    }
  }
  return workshop;
}

export { DEMO_PASSWORD };
