import { z } from "zod";
import { bookingStatusSchema } from "../dto";
import { MESSAGE_BODY_MAX_CHARS } from "../limits";
import { MAX_INT4 } from "../messages/ids.schema";
import { storableText } from "../messages/text.schema";
import { TEMPLATE_LANGUAGES, TEMPLATE_VARIABLES, unknownTemplateVariables, unknownVariablesMessage } from "./template-variables";

export const TEMPLATE_NAME_MAX_CHARS = 80;

/** A template's id: a positive whole number (also as a string of digits: paths, forms). */
export const templateIdSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], { error: "template_id must be a positive whole number" })
  .pipe(
    z
      .number()
      .int({ error: "template_id must be a positive whole number" })
      .positive({ error: "template_id must be a positive whole number" })
      .max(MAX_INT4, { error: "template_id is out of range" }),
  )
  .meta({ id: "TemplateId", description: "A message template's id (`GET /api/ws/templates`)", example: 1 });

/** The language a template is sent in. */
export const templateLanguageSchema = z
  .enum(TEMPLATE_LANGUAGES, { error: "language must be nb or en" })
  .meta({ description: "The template's language: `nb` (bokmål, the default) or `en`" });

const variablesList = TEMPLATE_VARIABLES.map((name) => `{${name}}`).join(", ");

/** A template's text: trimmed, storable, and with no variable other than the known ones. */
function templateBody(field: "body_nb" | "body_en") {
  return storableText(field)
    .trim()
    .max(MESSAGE_BODY_MAX_CHARS, { error: `${field} must be at most ${MESSAGE_BODY_MAX_CHARS} characters` })
    .superRefine((text, ctx) => {
      const unknown = unknownTemplateVariables(text);
      if (unknown.length) ctx.addIssue({ code: "custom", message: unknownVariablesMessage(unknown) });
    })
    .meta({ description: `The text; may use ${variablesList}, filled in from the booking when sent` });
}

const name = storableText("name")
  .trim()
  .min(1, { error: "name is required" })
  .max(TEMPLATE_NAME_MAX_CHARS, { error: `name must be at most ${TEMPLATE_NAME_MAX_CHARS} characters` })
  .meta({ description: "Unique within the workshop", example: "Bilen er klar" });

const bodyNb = templateBody("body_nb").min(1, { error: "body_nb is required: the template's text in bokmål" });
/** Empty: English sends use the bokmål text. */
const bodyEn = templateBody("body_en");
const bookingStatus = bookingStatusSchema
  .nullable()
  .meta({ description: "Set on the booking when a message is sent with the template (null: none)" });
const position = z
  .number({ error: "position must be a whole number" })
  .int({ error: "position must be a whole number" })
  .min(0, { error: "position must be 0 or more" })
  .max(MAX_INT4, { error: "position is out of range" })
  .meta({ description: "Order in lists, ascending (then created order)" });

export const createTemplateInput = z.object({
  name,
  body_nb: bodyNb,
  body_en: bodyEn.default(""),
  booking_status: bookingStatus.default(null),
  /** Omitted: after the workshop's last template. */
  position: position.optional(),
});
export type CreateTemplateInput = z.input<typeof createTemplateInput>;

export const updateTemplateInput = z.object({
  id: templateIdSchema,
  name: name.optional(),
  body_nb: bodyNb.optional(),
  body_en: bodyEn.optional(),
  booking_status: bookingStatus.optional(),
  position: position.optional(),
});
export type UpdateTemplateInput = z.input<typeof updateTemplateInput>;

export const templateByIdInput = z.object({ id: templateIdSchema });
export type TemplateByIdInput = z.input<typeof templateByIdInput>;

export const templateDto = z
  .object({
    id: z.number().int(),
    name: z.string(),
    body_nb: z.string(),
    /** Empty: the bokmål text is used for English too. */
    body_en: z.string(),
    booking_status: bookingStatusSchema.nullable(),
    position: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "MessageTemplate" });
export type TemplateDto = z.infer<typeof templateDto>;

export const templateListDto = z.object({
  data: z.array(templateDto),
  meta: z.object({ next_cursor: z.null(), has_more: z.literal(false) }),
});
export type TemplateListDto = z.infer<typeof templateListDto>;
