import { describe, expect, it } from "vitest";
import {
  formatBookingTime,
  renderTemplate,
  renderTemplateText,
  unknownTemplateVariables,
  type TemplateContext,
} from "./template-variables";
import { createTemplateInput, updateTemplateInput } from "./template.schema";

const thread: TemplateContext = {
  booking: {
    reference: "NB-24117",
    service: "EU-kontroll",
    // 08:30 in Oslo (winter time, UTC+1).
    scheduled_at: "2026-11-27T07:30:00.000Z",
    vehicle: { registration_number: "EV 12345", make: "Volkswagen", model: "ID.4" },
  },
  customer: { name: "Kari  Nordmann" },
  workshop: { name: "Nordlys Bil" },
};

describe("renderTemplateText", () => {
  it("fills every variable from the booking", () => {
    const text = "{kunde}|{fornavn}|{regnr}|{bil}|{tjeneste}|{tid}|{referanse}|{verksted}";
    expect(renderTemplateText(text, thread, "nb")).toBe(
      "Kari  Nordmann|Kari|EV 12345|Volkswagen ID.4|EU-kontroll|fredag 27. november kl. 08:30|NB-24117|Nordlys Bil",
    );
    expect(renderTemplateText("{tid}", thread, "en")).toBe("Friday 27 November at 08:30");
  });

  it("renders the time in Oslo, summer time included", () => {
    expect(formatBookingTime("2026-06-15T06:00:00Z", "nb")).toBe("mandag 15. juni kl. 08:00");
    expect(formatBookingTime(new Date("2026-06-15T06:00:00Z"), "en")).toBe("Monday 15 June at 08:00");
    expect(formatBookingTime("not a time", "nb")).toBe("");
  });

  it("renders missing values as empty text, never 'undefined' or 'null'", () => {
    const text = "Hei {fornavn}, {bil} {regnr} {tid} {verksted}.";
    expect(renderTemplateText(text, {}, "nb")).toBe("Hei ,    .");
    const partial = renderTemplateText(text, { booking: { vehicle: { make: "Tesla", model: null } }, customer: { name: null } }, "en");
    expect(partial).toBe("Hei , Tesla   .");
    expect(partial).not.toMatch(/undefined|null/);
  });

  it("leaves an unknown {word} as it is", () => {
    expect(renderTemplateText("{ukjent} {kunde}", thread, "nb")).toBe("{ukjent} Kari  Nordmann");
  });
});

describe("renderTemplate", () => {
  const template = { body_nb: "Hei {fornavn}, bilen er klar.", body_en: "Hi {fornavn}, your car is ready.", booking_status: null };

  it("picks the language, bokmål by default", () => {
    expect(renderTemplate(template, thread)).toBe("Hei Kari, bilen er klar.");
    expect(renderTemplate(template, thread, "en")).toBe("Hi Kari, your car is ready.");
  });

  it("uses the bokmål text for English when the template has no English text", () => {
    expect(renderTemplate({ ...template, body_en: "  " }, thread, "en")).toBe("Hei Kari, bilen er klar.");
  });
});

describe("template inputs", () => {
  it("finds unknown variables, each once", () => {
    expect(unknownTemplateVariables("{kunde} {pris} {pris} {dato} {regnr} {}")).toEqual(["pris", "dato"]);
  });

  it("refuses an unknown variable on save, naming it", () => {
    const result = createTemplateInput.safeParse({ name: "Pris", body_nb: "Prisen er {pris} for {bil}" });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ path: ["body_nb"], message: expect.stringContaining("Unknown variable {pris}") }),
    ]);
    const update = updateTemplateInput.safeParse({ id: 1, body_en: "{price} and {date}" });
    expect(update.error!.issues[0]!.message).toContain("Unknown variables {price}, {date}");
  });

  it("takes a template with known variables, trimmed, English optional", () => {
    expect(createTemplateInput.parse({ name: " Klar ", body_nb: " Hei {fornavn} ", booking_status: "ready_for_pickup" })).toEqual({
      name: "Klar",
      body_nb: "Hei {fornavn}",
      body_en: "",
      booking_status: "ready_for_pickup",
    });
    expect(createTemplateInput.safeParse({ name: "x", body_nb: "y", booking_status: "bogus" }).success).toBe(false);
  });
});
