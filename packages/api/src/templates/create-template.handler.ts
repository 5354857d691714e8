import type { z } from "zod";
import type { createTemplateInput, TemplateDto } from "@minbil/contracts/templates/template.schema";
import type { TemplateDeps } from "./list-templates.handler";
import { templateSelect, toDbBookingStatus, toTemplateDto } from "./template-dto";
import { nameTakenOr } from "./template-errors";

/** Adds a template (owners; unknown variables were refused by the input schema). Without a position: last. */
export async function createTemplate(deps: TemplateDeps, input: z.output<typeof createTemplateInput>): Promise<TemplateDto> {
  const { db, workshopId } = deps;
  let position = input.position;
  if (position === undefined) {
    const last = await db.messageTemplate.aggregate({ where: { workshopId }, _max: { position: true } });
    position = (last._max.position ?? -1) + 1;
  }
  try {
    const row = await db.messageTemplate.create({
      data: {
        workshopId,
        name: input.name,
        bodyNb: input.body_nb,
        bodyEn: input.body_en,
        bookingStatus: toDbBookingStatus(input.booking_status),
        position,
      },
      select: templateSelect,
    });
    return toTemplateDto(row);
  } catch (error) {
    throw nameTakenOr(error, input.name);
  }
}
