import { describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { LOCALES } from "./messages";
import { errorMessage } from "./error-message";

const { nb, en } = LOCALES;

/** What the tRPC client makes of the server's error answer. */
const serverError = (data: Record<string, unknown>, message = "Booking 7 was not found") =>
  TRPCClientError.from({ error: { message, code: -32004, data } });

describe("errorMessage", () => {
  it("says each API error code in the user's language, not the server's English", () => {
    const error = serverError({ code: "NOT_FOUND", httpStatus: 404, appCode: "NOT_FOUND" });
    expect(errorMessage(error, nb)).toBe(nb.apiErrors.NOT_FOUND);
    expect(errorMessage(error, en)).toBe(en.apiErrors.NOT_FOUND);
    for (const code of Object.keys(nb.apiErrors) as (keyof typeof nb.apiErrors)[]) {
      expect(errorMessage(serverError({ appCode: code, httpStatus: 400 }), nb)).toBe(nb.apiErrors[code]);
    }
  });

  it("reads the older name of the rate limit code", () => {
    expect(errorMessage(serverError({ appCode: "TOO_MANY_REQUESTS", httpStatus: 429 }), nb)).toBe(nb.apiErrors.RATE_LIMITED);
  });

  it("falls back on the HTTP status for an unknown code, and on a general sentence after that", () => {
    expect(errorMessage(serverError({ appCode: "SOMETHING_NEW", httpStatus: 413 }), nb)).toBe(nb.apiErrors.PAYLOAD_TOO_LARGE);
    expect(errorMessage(serverError({ appCode: null, httpStatus: 503 }), en)).toBe(en.apiErrors.SERVICE_UNAVAILABLE);
    expect(errorMessage(serverError({ appCode: "SOMETHING_NEW", httpStatus: 418 }), nb)).toBe(nb.somethingWentWrong);
    expect(errorMessage(new Error("boom"), en)).toBe(en.somethingWentWrong);
  });

  it("says the server could not be reached for a proxy's HTML page or a dropped connection", () => {
    const html = TRPCClientError.from(new SyntaxError("Unexpected token '<', \"<html><h\"... is not valid JSON"));
    expect(errorMessage(html, nb)).toBe(nb.serverUnreachable);
    expect(errorMessage(TRPCClientError.from(new TypeError("Failed to fetch")), en)).toBe(en.serverUnreachable);
    expect(errorMessage(serverError({ httpStatus: 502 }), nb)).toBe(nb.serverUnreachable);
  });

  it("lets the caller word a code for where it happened", () => {
    const conflict = serverError({ appCode: "CONFLICT", httpStatus: 409 }, "A user with this e-mail exists already");
    expect(errorMessage(conflict, nb, { CONFLICT: nb.emailTaken })).toBe(nb.emailTaken);
  });
});
