import type { PrismaClient } from "@minbil/db/client";
import type { TemplateDto } from "@minbil/contracts/templates/template.schema";
import { templateSelect, toTemplateDto } from "./template-dto";

export interface TemplateDeps {
  db: PrismaClient;
  workshopId: string;
}

/** The workshop's message templates, in their order (then created order). */
export async function listTemplates(deps: TemplateDeps): Promise<TemplateDto[]> {
  const rows = await deps.db.messageTemplate.findMany({
    where: { workshopId: deps.workshopId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: templateSelect,
  });
  return rows.map(toTemplateDto);
}
