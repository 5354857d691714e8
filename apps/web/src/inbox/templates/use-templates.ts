"use client";

import { useQuery } from "@tanstack/react-query";
import type { BookingStatusValue } from "@minbil/contracts/values";
import { renderTemplate, type TemplateContext, type TemplateLanguage } from "@minbil/contracts/templates/template-variables";
import { useTRPC } from "~/trpc/react";

/** What choosing a template gives the composer. */
export interface TemplateInsert {
  /** The template's text, filled in from the booking (the staff may edit it before sending). */
  text: string;
  /** Send it as `template_id` with the message, so the server applies the template's booking status. */
  templateId: number;
  /** The status the booking gets when the message is sent (null: none), e.g. to show it in the composer. */
  bookingStatus: BookingStatusValue | null;
}

/** The booking a template is filled in from: the thread's `booking` and `customer` as the API gives them. */
export type TemplateBooking = Pick<TemplateContext, "booking" | "customer"> & Partial<Pick<TemplateContext, "workshop">>;

/**
 * The workshop's templates (one cached query, shared by the menu and `/`), and a function that turns
 * one into what the composer inserts. The workshop's name comes from the signed-in user unless given.
 */
export function useTemplates({
  booking,
  language = "nb",
  enabled = true,
}: {
  booking: TemplateBooking;
  language?: TemplateLanguage;
  enabled?: boolean;
}) {
  const trpc = useTRPC();
  const templates = useQuery({ ...trpc.templates.list.queryOptions(), enabled });
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: enabled && !booking.workshop }).data;
  const context: TemplateContext = { ...booking, workshop: booking.workshop ?? me?.workshop ?? null };
  type Template = NonNullable<typeof templates.data>[number];
  const toInsert = (template: Template): TemplateInsert => ({
    text: renderTemplate(template, context, language),
    templateId: template.id,
    bookingStatus: template.booking_status,
  });
  return { templates: templates.data ?? [], loading: templates.isPending && enabled, toInsert };
}
