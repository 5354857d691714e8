import type { z } from "zod";
import type { TemplateDto, updateTemplateInput } from "@minbil/contracts/templates/template.schema";
import type { TemplateDeps } from "./list-templates.handler";
import { templateSelect, toDbBookingStatus, toTemplateDto } from "./template-dto";
import { nameTakenOr, templateNotFound } from "./template-errors";

/** Changes any of a template's fields (owners); a template of another workshop is not found. */
export async function updateTemplate(deps: TemplateDeps, input: z.output<typeof updateTemplateInput>): Promise<TemplateDto> {
  const { db, workshopId } = deps;
  try {
    const { count } = await db.messageTemplate.updateMany({
      where: { id: input.id, workshopId },
      data: {
        name: input.name,
        bodyNb: input.body_nb,
        bodyEn: input.body_en,
        bookingStatus: input.booking_status === undefined ? undefined : toDbBookingStatus(input.booking_status),
        position: input.position,
      },
    });
    if (count === 0) throw templateNotFound(input.id);
  } catch (error) {
    throw nameTakenOr(error, input.name);
  }
  const row = await db.messageTemplate.findUniqueOrThrow({ where: { id: input.id }, select: templateSelect });
  return toTemplateDto(row);
}
