import type { z } from "zod";
import type { templateByIdInput } from "@minbil/contracts/templates/template.schema";
import type { TemplateDeps } from "./list-templates.handler";
import { templateNotFound } from "./template-errors";

/** Removes a template (owners). Messages sent with it keep their text. */
export async function deleteTemplate(
  deps: TemplateDeps,
  input: z.output<typeof templateByIdInput>,
): Promise<{ id: number; deleted: true }> {
  const { count } = await deps.db.messageTemplate.deleteMany({ where: { id: input.id, workshopId: deps.workshopId } });
  if (count === 0) throw templateNotFound(input.id);
  return { id: input.id, deleted: true };
}
