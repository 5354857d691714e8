import { templateListDto } from "@minbil/contracts/templates/template.schema";
import { TEMPLATE_VARIABLES } from "@minbil/contracts/templates/template-variables";
import { defineOperation } from "./operation";

// The workshop's message templates (/api/ws/templates): route in ../templates.routes.ts.

export const listTemplatesOperation = defineOperation({
  id: "listTemplates",
  method: "GET",
  path: "/api/ws/templates",
  tag: "Templates",
  summary: "List the workshop's message templates",
  description: [
    "The workshop's canned replies, in their order, each with its text in bokmål (`body_nb`) and English (`body_en`; empty: the",
    `bokmål text is used) and the booking status sending it sets (or null). The texts may use ${TEMPLATE_VARIABLES.map((name) => `\`{${name}}\``).join(", ")},`,
    "filled in from the booking when a message is sent with `template_id` (`POST /api/ws/messages`). Owners manage them in the inbox's Settings.",
  ].join(" "),
  auth: "bearer",
  responses: {
    200: { description: "The workshop's templates, in order", content: { "application/json": { schema: templateListDto } } },
  },
  errors: [],
});
