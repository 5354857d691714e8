import { createHash, randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@minbil/db/client";
import { isUniqueViolation } from "@minbil/db/database-errors";
import { readRows } from "@minbil/db/read-rows";
import { sqlTransaction } from "@minbil/db/sql-transaction";
import { IDEMPOTENCY_KEY_TTL_MS, type AttachmentContentType } from "@minbil/contracts/limits";
import { messageDto, sendMessageResultDto, type SendMessageResultDto } from "@minbil/contracts/dto";
import type { SendMessageCommand } from "@minbil/contracts/messages/send-message.schema";
import type { Actor } from "../auth/auth-context";
import type { AttachmentStorage } from "../attachments/storage";
import { detectContentType } from "../attachments/detect-content-type";
import type { EventBus } from "../events/event-bus";
import { apiError, bookingNotFound } from "../errors";
import { messageSelect, toMessageDto } from "./message.select";
import { writeMessage } from "./write-message";
import { findMentions } from "./mentions";
import { sanitiseFileName } from "../attachments/file-name";
import { renderTemplate } from "@minbil/contracts/templates/template-variables";
import { changeBookingStatus } from "../threads/update-thread.handler";
import { templateNotFound } from "../templates/template-errors";
import { toTemplateDto } from "../templates/template-dto";
import { checkValidUntil } from "../estimates/write-estimate";

export interface SendMessageDeps {
  db: PrismaClient;
  storage: AttachmentStorage;
  events: EventBus;
  workshopId: string;
  actor: Actor;
  /** The clock; only demo data sets it, to write a conversation of the past. */
  now?: () => Date;
}

interface StoredFile {
  id: string;
  storageKey: string;
  fileName: string;
  contentType: AttachmentContentType;
  size: number;
  checksum: string;
}

/**
 * Stores a message with its files in a booking's thread. Files are written first and removed again
 * if the message is not stored, so no message lacks its files and no file lacks its message.
 * With an idempotency key, a retry of the same request returns the first message and stores nothing.
 */
export async function sendMessage(deps: SendMessageDeps, input: SendMessageCommand): Promise<SendMessageResultDto> {
  const { db, storage, workshopId, actor } = deps;
  if (actor.kind === "staff" && input.sender_type !== "workshop") {
    throw apiError("FORBIDDEN", "Signed-in staff send messages as the workshop");
  }
  if (
    actor.kind === "customer" &&
    (input.sender_type !== "customer" ||
      input.visibility === "internal" ||
      input.template_id !== undefined ||
      input.state ||
      input.estimate)
  ) {
    throw apiError("FORBIDDEN", "A customer writes plain messages of their own");
  }
  // Checked before any file is stored: an estimate that has run out is refused as a whole.
  const estimateValidUntil = input.estimate ? checkValidUntil(input.estimate, deps.now?.() ?? new Date()) : null;
  // Raw SQL like the rest of the send (sql-transaction.ts): every send reads this.
  const [booking] = await readRows<SendBookingRow>(
    db,
    Prisma.sql`
    SELECT b.id, b.reference, b.service, b.scheduled_at AS "scheduledAt", b.vehicle_registration AS "vehicleRegistration",
           b.vehicle_make AS "vehicleMake", b.vehicle_model AS "vehicleModel", c.name AS "customerName", w.name AS "workshopName"
    FROM bookings b JOIN customers c ON c.id = b.customer_id JOIN workshops w ON w.id = b.workshop_id
    WHERE b.id = ${input.booking_id}::int AND b.workshop_id = ${workshopId}`,
  );
  if (!booking) throw bookingNotFound(input.booking_id);

  // A template: its text filled in from the booking (unless the staff's edited text came as body),
  // and the booking status it sets, applied below in the message's transaction.
  let body = input.body || input.estimate?.note || "";
  let templateStatus: ReturnType<typeof toTemplateDto>["booking_status"] = null;
  if (input.template_id !== undefined) {
    const row = await db.messageTemplate.findFirst({ where: { id: input.template_id, workshopId } });
    if (!row) throw templateNotFound(input.template_id);
    const template = toTemplateDto(row);
    templateStatus = template.booking_status;
    if (!body) {
      body = renderTemplate(
        template,
        {
          booking: {
            reference: booking.reference,
            service: booking.service,
            scheduled_at: booking.scheduledAt,
            vehicle: { registration_number: booking.vehicleRegistration, make: booking.vehicleMake, model: booking.vehicleModel },
          },
          customer: { name: booking.customerName },
          workshop: { name: booking.workshopName },
        },
        input.language ?? "nb",
      );
      if (!body) throw apiError("BAD_REQUEST", `Template ${input.template_id} fills in to blank text for this booking: send a body`);
    }
  }

  const types = await Promise.all(input.attachments.map(detectContentType));
  const rejected = input.attachments.filter((_, index) => types[index] === null).map((file) => file.name);
  if (rejected.length) {
    throw apiError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Unsupported file type: ${rejected.join(", ")}. Allowed are JPEG, PNG, WebP and HEIC images, PDF and plain text.`,
      rejected.map((name) => ({ field: "attachments", message: `${name}: not a file type we take` })),
    );
  }

  const stored: StoredFile[] = [];
  let requestHash = "";
  const discardFiles = () => Promise.allSettled(stored.map((file) => storage.delete(file.storageKey)));
  try {
    for (const [index, file] of input.attachments.entries()) {
      const id = `att_${randomUUID().replaceAll("-", "")}`;
      const storageKey = `${workshopId}/${id}`;
      const { size, checksum } = await storage.put(storageKey, file.stream());
      stored.push({ id, storageKey, fileName: sanitiseFileName(file.name), contentType: types[index]!, size, checksum });
    }

    // Only a key needs the request's hash (to tell its retry from another request).
    if (input.idempotency_key) {
      requestHash = hashRequest({ ...input, body }, stored);
      const replay = await findReplay(db, workshopId, input.idempotency_key, requestHash);
      if (replay) {
        await discardFiles();
        return replay;
      }
    }

    const senderName =
      input.sender_type === "customer"
        ? booking.customerName
        : input.sender_type === "system"
          ? "MinBil"
          : actor.kind === "staff"
            ? actor.name
            : booking.workshopName;
    const visibility = input.visibility ?? "customer";
    const mentionedUserIds = visibility === "internal" ? await findMentions(db, workshopId, body) : [];

    const { result, events } = await sqlTransaction(db, async (sql) => {
      const written = await writeMessage(sql, {
        workshopId,
        bookingId: booking.id,
        senderType: input.sender_type,
        senderName,
        visibility,
        body,
        actor,
        mentionedUserIds,
        files: stored,
        state: input.state,
        estimate: input.estimate && estimateValidUntil ? { input: input.estimate, validUntil: estimateValidUntil } : undefined,
        createdAt: deps.now,
      });
      const events = [...written.events];
      // The same status line and booking.status_changed event as PATCH .../thread/{id} with booking_status.
      if (templateStatus) events.push(...(await changeBookingStatus(sql, { workshopId, actor }, booking.id, templateStatus)));
      if (input.idempotency_key) {
        const createdAt = new Date(written.message.created_at);
        const expiresAt = new Date(createdAt.getTime() + IDEMPOTENCY_KEY_TTL_MS);
        await sql.execute(Prisma.sql`
            INSERT INTO idempotency_keys (workshop_id, key, request_hash, message_id, created_at, expires_at)
            VALUES (${workshopId}, ${input.idempotency_key}, ${requestHash}, ${written.message.id}::int, ${createdAt}::timestamp,
                    ${expiresAt}::timestamp)`);
      }
      return { result: { message: written.message, replayed: false }, events };
    });
    for (const event of events) deps.events.publish(event);
    return sendMessageResultDto.parse(result);
  } catch (error) {
    await discardFiles();
    if (input.idempotency_key && isUniqueViolation(error)) {
      // Another request with the same key committed first: answer as its retry.
      const replay = await findReplay(db, workshopId, input.idempotency_key, requestHash);
      if (replay) return replay;
    }
    throw error;
  }
}

function hashRequest(input: SendMessageCommand, files: StoredFile[]): string {
  const canonical = JSON.stringify({
    booking_id: input.booking_id,
    body: input.body,
    sender_type: input.sender_type,
    // Only when not the default, so a retry of a request made before these fields existed still matches.
    ...(input.visibility === "internal" ? { visibility: "internal" } : {}),
    ...(input.state ? { state: input.state } : {}),
    ...(input.template_id !== undefined ? { template_id: input.template_id, language: input.language ?? "nb" } : {}),
    ...(input.estimate ? { estimate: input.estimate } : {}),
    files: files.map((file) => [file.fileName, file.size, file.checksum]),
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/** The stored answer for a live idempotency key; 422 when the key was used for another request. */
async function findReplay(db: PrismaClient, workshopId: string, key: string, requestHash: string): Promise<SendMessageResultDto | null> {
  const existing = await db.idempotencyKey.findUnique({ where: { workshopId_key: { workshopId, key } } });
  if (!existing) return null;
  if (existing.expiresAt.getTime() <= Date.now()) {
    await db.idempotencyKey.deleteMany({ where: { workshopId, key, expiresAt: { lte: new Date() } } });
    return null;
  }
  if (existing.requestHash !== requestHash) {
    throw apiError(
      "IDEMPOTENCY_KEY_REUSED",
      "This Idempotency-Key was already used for a different request. Use a new key for a new message.",
    );
  }
  const row = await db.message.findUniqueOrThrow({ where: { id: existing.messageId }, select: messageSelect });
  return { message: messageDto.parse(toMessageDto(row)), replayed: true };
}

interface SendBookingRow {
  id: number;
  reference: string;
  service: string;
  scheduledAt: Date;
  vehicleRegistration: string;
  vehicleMake: string | null;
  vehicleModel: string | null;
  customerName: string;
  workshopName: string;
}
