import type { Readable } from "node:stream";
import type { PrismaClient } from "@minbil/db/client";
import { apiError } from "../errors";
import type { AttachmentStorage } from "./storage";

export interface OpenedAttachment {
  fileName: string;
  contentType: string;
  size: number;
  checksum: string;
  body: Readable;
}

/**
 * An attachment's bytes, for its own workshop only: any other caller gets the same 404 as a missing file.
 * With `customerOf`, only a file of that booking's conversation with the customer (never of a note).
 */
export async function openAttachment(
  deps: { db: PrismaClient; storage: AttachmentStorage; workshopId: string },
  attachmentId: string,
  customerOf?: { bookingId: number },
): Promise<OpenedAttachment> {
  // Ids are `att_` and hex: anything else (a NUL byte, which PostgreSQL refuses in text) names no file.
  if (attachmentId.length > 100 || !/^[\w-]+$/.test(attachmentId)) throw apiError("NOT_FOUND", "Attachment was not found");
  const row = await deps.db.attachment.findFirst({
    where: {
      id: attachmentId,
      workshopId: deps.workshopId,
      ...(customerOf ? { message: { bookingId: customerOf.bookingId, visibility: "CUSTOMER" as const } } : {}),
    },
    select: { fileName: true, contentType: true, size: true, checksum: true, storageKey: true },
  });
  const body = row ? await deps.storage.get(row.storageKey) : null;
  if (!row || !body) throw apiError("NOT_FOUND", `Attachment ${attachmentId} was not found`);
  return { fileName: row.fileName, contentType: row.contentType, size: row.size, checksum: row.checksum, body };
}
