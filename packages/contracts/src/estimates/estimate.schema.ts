import { z } from "zod";
import { storableText } from "../messages/text.schema";
import { ATTACHMENT_LIMITS } from "../limits";
import { bookingIdSchema } from "../messages/ids.schema";

// Estimates: extra work offered to the customer line by line, approved or declined per line.
// Prices are NOK including VAT, with at most two decimals (øre); they are kept in øre.

export const ESTIMATE_LIMITS = { maxLines: 30, maxPriceNok: 1_000_000, maxDescriptionChars: 300, maxNoteChars: 2_000 } as const;

const priceNok = z
  .number({ error: "price_nok must be a number (NOK including VAT)" })
  .min(0, { error: "price_nok must not be negative" })
  .max(ESTIMATE_LIMITS.maxPriceNok, { error: `price_nok must be at most ${ESTIMATE_LIMITS.maxPriceNok}` })
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, { error: "price_nok may have at most two decimals (øre)" })
  .meta({ description: "Price in NOK including VAT (at most two decimals)", example: 2490 });

/** A calendar date, YYYY-MM-DD; an estimate can be decided until the end of that day (Oslo time). */
export const calendarDateSchema = z.iso.date({ error: "valid_until must be a date, YYYY-MM-DD" });

export const estimateLineInput = z.object({
  description: storableText("description")
    .transform((text) => text.trim())
    .pipe(
      z
        .string()
        .min(1, { error: "each line needs a description" })
        .max(ESTIMATE_LIMITS.maxDescriptionChars, {
          error: `a line's description must be at most ${ESTIMATE_LIMITS.maxDescriptionChars} characters`,
        }),
    )
    .meta({ example: "Nye bremseklosser foran" }),
  price_nok: priceNok,
  /** The photo of this line: the position (0, 1, …) of one of the message's files, which must be an image. */
  photo_index: z
    .number({ error: "photo_index must be the position of one of the message's files (0, 1, …)" })
    .int({ error: "photo_index must be a whole number" })
    .min(0, { error: "photo_index must not be negative" })
    .max(ATTACHMENT_LIMITS.maxFiles - 1, { error: "photo_index must name one of the message's files" })
    .optional()
    .meta({ description: "The position (0, 1, …) of the message's image file that shows this line" }),
});

/** An estimate sent as a message (`estimate` of a send): the message's body is its note. */
export const estimateInput = z
  .object({
    lines: z
      .array(estimateLineInput, { error: "estimate.lines must be a list of lines" })
      .min(1, { error: "an estimate needs at least one line" })
      .max(ESTIMATE_LIMITS.maxLines, { error: `an estimate has at most ${ESTIMATE_LIMITS.maxLines} lines` }),
    valid_until: calendarDateSchema.meta({ description: "Last day the customer can decide (Oslo time)", example: "2026-12-03" }),
    note: storableText("estimate.note")
      .max(ESTIMATE_LIMITS.maxNoteChars, { error: `estimate.note must be at most ${ESTIMATE_LIMITS.maxNoteChars} characters` })
      .transform((text) => text.trim())
      .optional(),
  })
  .meta({
    id: "EstimateInput",
    description: "Extra work for the customer to approve or decline line by line",
    example: {
      lines: [{ description: "Nye bremseklosser foran", price_nok: 2490 }],
      valid_until: "2026-12-03",
      note: "Klossene er nede på 2 mm.",
    },
  });
export type EstimateInput = z.output<typeof estimateInput>;

export const estimateDecisionSchema = z.enum(["approved", "declined"], { error: "decision must be approved or declined" });

export const estimateLineDto = z
  .object({
    id: z.string(),
    description: z.string(),
    price_nok: z.number(),
    photo_attachment_id: z.string().nullable(),
    decision: estimateDecisionSchema.nullable(),
    decided_at: z.iso.datetime().nullable(),
    decided_via: z.enum(["customer_page", "api"]).nullable().meta({ description: "`customer_page`, or `api` when a partner recorded it" }),
  })
  .meta({ id: "EstimateLine" });

export const estimateDto = z
  .object({
    id: z.string(),
    valid_until: z.string().meta({ description: "Last day it can be decided (Oslo time), YYYY-MM-DD" }),
    expired: z.boolean(),
    lines: z.array(estimateLineDto),
    total_nok: z.number(),
    approved_total_nok: z.number(),
  })
  .meta({ id: "Estimate", description: "An estimate (messages of kind `estimate`); the message body is its note" });
export type EstimateDto = z.infer<typeof estimateDto>;

/** Decisions on some or all lines of an estimate; each is final. The customer page sends these. */
export const estimateDecisionsInput = z.object({
  estimate_id: z
    .string({ error: "estimate_id is required" })
    .regex(/^est_[a-z0-9]{8,40}$/, { error: "estimate_id is not an estimate's id" }),
  decisions: z
    .array(
      z.object({
        line_id: z
          .string({ error: "line_id is required" })
          .regex(/^estl_[a-z0-9]{8,40}$/, { error: "line_id is not a line of this estimate" }),
        decision: estimateDecisionSchema,
      }),
      { error: "decisions must be a list of {line_id, decision}" },
    )
    .min(1, { error: "decisions must name at least one line" })
    .max(ESTIMATE_LIMITS.maxLines, { error: `at most ${ESTIMATE_LIMITS.maxLines} decisions` })
    .refine((list) => new Set(list.map((item) => item.line_id)).size === list.length, { error: "each line may be decided once" }),
});
export type EstimateDecisionsInput = z.output<typeof estimateDecisionsInput>;

/** A partner (or staff) recording the customer's decisions in a booking's thread. */
export const decideEstimateInput = estimateDecisionsInput.extend({ booking_id: bookingIdSchema });
export type DecideEstimateInput = z.output<typeof decideEstimateInput>;
