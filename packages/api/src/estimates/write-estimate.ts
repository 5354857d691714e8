import { randomBytes } from "node:crypto";
import { Prisma } from "@minbil/db/client";
import type { Sql } from "@minbil/db/sql-transaction";
import type { EstimateInput } from "@minbil/contracts/estimates/estimate.schema";
import { fieldError } from "../errors";
import { endOfOsloDay, osloDate } from "./oslo-day";
import type { EstimateRow } from "./estimate.select";

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const MAX_DAYS_AHEAD = 366;

/** Refuses a validity that has passed (or is more than a year ahead) before anything is stored. */
export function checkValidUntil(input: EstimateInput, now = new Date()): Date {
  const validUntil = endOfOsloDay(input.valid_until);
  if (input.valid_until < osloDate(now)) throw fieldError("estimate.valid_until", "valid_until must be today or later");
  if (validUntil.getTime() - now.getTime() > MAX_DAYS_AHEAD * 86_400_000) {
    throw fieldError("estimate.valid_until", "valid_until must be within a year");
  }
  return validUntil;
}

/**
 * Stores an estimate for a message just written (inside its transaction). A line's photo is one of
 * the message's image files.
 */
export async function writeEstimate(
  sql: Sql,
  input: {
    workshopId: string;
    bookingId: number;
    messageId: number;
    estimate: EstimateInput;
    validUntil: Date;
    files: { id: string; contentType: string }[];
    createdAt: Date;
  },
): Promise<EstimateRow> {
  const estimateId = id("est");
  const lines = input.estimate.lines.map((line, position) => {
    const photo = line.photo_index === undefined ? null : input.files[line.photo_index];
    if (line.photo_index !== undefined && (!photo || !photo.contentType.startsWith("image/"))) {
      throw fieldError(`estimate.lines.${position}.photo_index`, "photo_index must name one of the message's image files");
    }
    return {
      id: id("estl"),
      description: line.description,
      priceOre: Math.round(line.price_nok * 100),
      attachmentId: photo?.id ?? null,
      decision: null,
      decidedAt: null,
      decidedVia: null,
    };
  });
  await sql.execute(Prisma.sql`
    INSERT INTO estimates (id, message_id, workshop_id, booking_id, valid_until, created_at)
    VALUES (${estimateId}, ${input.messageId}::int, ${input.workshopId}, ${input.bookingId}::int, ${input.validUntil}::timestamp,
            ${input.createdAt}::timestamp)`);
  if (lines.length) {
    await sql.execute(Prisma.sql`
    INSERT INTO estimate_lines (id, estimate_id, position, description, price_ore, attachment_id)
    VALUES ${Prisma.join(
      lines.map(
        (line, position) =>
          Prisma.sql`(${line.id}, ${estimateId}, ${position}::int, ${line.description}, ${line.priceOre}::int, ${line.attachmentId})`,
      ),
    )}`);
  }
  // As the message's estimate reads back (estimateSelect): nothing decided yet.
  return { id: estimateId, validUntil: input.validUntil, lines };
}
