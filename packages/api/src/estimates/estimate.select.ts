import type { Prisma } from "@minbil/db/client";
import { estimateDto, type EstimateDto } from "@minbil/contracts/estimates/estimate.schema";
import { osloDate } from "./oslo-day";

/** An estimate's columns as messages load them (one join with the message, no query per message). */
export const estimateSelect = {
  id: true,
  validUntil: true,
  lines: {
    select: { id: true, description: true, priceOre: true, attachmentId: true, decision: true, decidedAt: true, decidedVia: true },
    orderBy: { position: "asc" },
  },
} satisfies Prisma.EstimateSelect;

export type EstimateRow = Prisma.EstimateGetPayload<{ select: typeof estimateSelect }>;

const nok = (ore: number) => ore / 100;

export function toEstimateDto(row: EstimateRow, now = new Date()): EstimateDto {
  return estimateDto.parse({
    id: row.id,
    valid_until: osloDate(row.validUntil),
    expired: row.validUntil.getTime() < now.getTime(),
    lines: row.lines.map((line) => ({
      id: line.id,
      description: line.description,
      price_nok: nok(line.priceOre),
      photo_attachment_id: line.attachmentId,
      decision: line.decision === null ? null : line.decision === "APPROVED" ? "approved" : "declined",
      decided_at: line.decidedAt?.toISOString() ?? null,
      decided_via: line.decidedVia as "customer_page" | "api" | null,
    })),
    total_nok: nok(row.lines.reduce((sum, line) => sum + line.priceOre, 0)),
    approved_total_nok: nok(row.lines.reduce((sum, line) => sum + (line.decision === "APPROVED" ? line.priceOre : 0), 0)),
  });
}
