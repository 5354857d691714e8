import { createTemplateInput, templateByIdInput, updateTemplateInput } from "@minbil/contracts/templates/template.schema";
import type { Context } from "../context";
import type { AuthContext } from "../auth/auth-context";
import { ownerProcedure, workshopProcedure } from "../trpc";
import { listTemplates, type TemplateDeps } from "./list-templates.handler";
import { createTemplate } from "./create-template.handler";
import { updateTemplate } from "./update-template.handler";
import { deleteTemplate } from "./delete-template.handler";

const deps = (ctx: Context & { auth: AuthContext }): TemplateDeps => ({ db: ctx.db, workshopId: ctx.auth.workshopId });

/**
 * Message templates: every staff member and API token of the workshop reads them (REST:
 * GET /api/ws/templates); only owners change them. Sending with one is `messages.send` with `template_id`.
 */
export const templatesRouter = {
  list: workshopProcedure.query(({ ctx }) => listTemplates(deps(ctx))),
  create: ownerProcedure.input(createTemplateInput).mutation(({ ctx, input }) => createTemplate(deps(ctx), input)),
  update: ownerProcedure.input(updateTemplateInput).mutation(({ ctx, input }) => updateTemplate(deps(ctx), input)),
  delete: ownerProcedure.input(templateByIdInput).mutation(({ ctx, input }) => deleteTemplate(deps(ctx), input)),
};
