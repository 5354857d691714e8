import { templateDto, type TemplateDto } from "@minbil/contracts/templates/template.schema";
import type { BookingStatus } from "@minbil/contracts/dto";

/** The columns a template's answer needs. */
export const templateSelect = {
  id: true,
  name: true,
  bodyNb: true,
  bodyEn: true,
  bookingStatus: true,
  position: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface TemplateRow {
  id: number;
  name: string;
  bodyNb: string;
  bodyEn: string;
  bookingStatus: string | null;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A template row as the API answers with it. */
export function toTemplateDto(row: TemplateRow): TemplateDto {
  return templateDto.parse({
    id: row.id,
    name: row.name,
    body_nb: row.bodyNb,
    body_en: row.bodyEn,
    booking_status: row.bookingStatus ? (row.bookingStatus.toLowerCase() as BookingStatus) : null,
    position: row.position,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  });
}

/** A booking status of the API as the database's enum. */
export function toDbBookingStatus(
  status: BookingStatus | null,
): "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "READY_FOR_PICKUP" | "COMPLETED" | "CANCELLED" | null {
  return status ? (status.toUpperCase() as Uppercase<BookingStatus>) : null;
}
