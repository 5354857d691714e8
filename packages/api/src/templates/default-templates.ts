import type { Prisma, PrismaClient } from "@minbil/db/client";

/** What every new workshop (and the demo) starts with; owners change them in Settings. */
export const DEFAULT_TEMPLATES = [
  {
    name: "Bilen er klar",
    bodyNb: "Hei {fornavn}! {bil} ({regnr}) er ferdig og klar til henting hos {verksted}. Velkommen innom! Referanse: {referanse}.",
    bodyEn: "Hi {fornavn}! Your {bil} ({regnr}) is done and ready for pickup at {verksted}. Welcome by! Reference: {referanse}.",
    bookingStatus: "READY_FOR_PICKUP",
  },
  {
    name: "Vi har mottatt bilen",
    bodyNb:
      "Hei {fornavn}! Vi har mottatt {bil} ({regnr}) og setter i gang med {tjeneste}. Vi gir beskjed når bilen er klar. Hilsen {verksted}",
    bodyEn:
      "Hi {fornavn}! We have received your {bil} ({regnr}) and are starting on the {tjeneste}. We will let you know when it is ready. Regards, {verksted}",
    bookingStatus: null,
  },
  {
    name: "Trenger godkjenning",
    bodyNb:
      "Hei {fornavn}! Under {tjeneste} på {bil} ({regnr}) fant vi noe som bør utbedres. Vi trenger godkjenning fra deg før vi gjør mer: svar her, så gir vi deg detaljer og pris. Hilsen {verksted}",
    bodyEn:
      "Hi {fornavn}! During the {tjeneste} on your {bil} ({regnr}) we found something that should be fixed. We need your approval before we do more: reply here and we will send you the details and the price. Regards, {verksted}",
    bookingStatus: null,
  },
  {
    name: "Bekreftelse av time",
    bodyNb:
      "Hei {fornavn}! Vi bekrefter timen din til {tjeneste} {tid} for {bil} ({regnr}). Referanse: {referanse}. Velkommen til {verksted}!",
    bodyEn:
      "Hi {fornavn}! We confirm your appointment for {tjeneste} on {tid} for your {bil} ({regnr}). Reference: {referanse}. Welcome to {verksted}!",
    bookingStatus: null,
  },
] as const satisfies readonly {
  name: string;
  bodyNb: string;
  bodyEn: string;
  bookingStatus: "READY_FOR_PICKUP" | null;
}[];

/**
 * Gives a workshop the default templates (those it has no template of the same name for), inside the
 * caller's transaction or not. The one place defaults are added: `createWorkshop` calls it.
 */
export async function addDefaultTemplates(db: Prisma.TransactionClient | PrismaClient, workshopId: string): Promise<number> {
  const { count } = await db.messageTemplate.createMany({
    data: DEFAULT_TEMPLATES.map((template, position) => ({ ...template, workshopId, position })),
    skipDuplicates: true,
  });
  return count;
}
