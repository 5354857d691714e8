import type { Prisma } from "@minbil/db/client";
import type { MessageDto, SenderType, Visibility } from "@minbil/contracts/dto";
import { estimateSelect, toEstimateDto } from "../estimates/estimate.select";
import { deliverySelect, toMessageDelivery } from "../channels/outbox/delivery-dto";

/** The message columns the API shows, with its files in upload order. */
export const messageSelect = {
  id: true,
  bookingId: true,
  seq: true,
  body: true,
  senderType: true,
  senderName: true,
  createdAt: true,
  visibility: true,
  mentionedUserIds: true,
  kind: true,
  estimate: { select: estimateSelect },
  attachments: {
    select: { id: true, fileName: true, contentType: true, size: true },
    orderBy: { position: "asc" },
  },
  deliveries: deliverySelect,
} satisfies Prisma.MessageSelect;

export type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

export function attachmentUrl(attachmentId: string): string {
  return `/api/ws/messages/attachments/${attachmentId}`;
}

export function toSenderType(value: "CUSTOMER" | "WORKSHOP" | "SYSTEM"): SenderType {
  return value.toLowerCase() as SenderType;
}

export function toVisibility(value: "CUSTOMER" | "INTERNAL"): Visibility {
  return value === "INTERNAL" ? "internal" : "customer";
}

/** `customerSeenSeq`: the thread's messages up to it were shown on the customer page (0: none). */
export function toMessageDto(row: MessageRow, customerSeenSeq = 0): MessageDto {
  return {
    id: row.id,
    booking_id: row.bookingId,
    seq: row.seq,
    body: row.body,
    sender_type: toSenderType(row.senderType),
    sender: row.senderName,
    created_at: row.createdAt.toISOString(),
    attachments: row.attachments.map((file) => ({
      id: file.id,
      file_name: file.fileName,
      content_type: file.contentType,
      size: file.size,
      url: attachmentUrl(file.id),
    })),
    visibility: toVisibility(row.visibility),
    mentioned_user_ids: row.mentionedUserIds,
    kind: row.kind === "ESTIMATE" ? "estimate" : "text",
    estimate: row.estimate ? toEstimateDto(row.estimate) : null,
    delivery: toMessageDelivery(row, customerSeenSeq),
  };
}
