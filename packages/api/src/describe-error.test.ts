import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { describeError } from "./describe-error";

// PostgreSQL's data exceptions reach us in the shapes the two ways of querying give them: the pg
// driver's error (sql-transaction.ts, read-rows.ts) and Prisma's, with the driver adapter's beneath.

describe("a value PostgreSQL refuses", () => {
  it("is the client's 422 naming what is wrong, never the SQL or the value, however it was queried", () => {
    const fromPg = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
    const fromPrisma = Object.assign(new Error("Raw query failed"), {
      name: "PrismaClientKnownRequestError",
      code: "P2010",
      meta: { driverAdapterError: { kind: "postgres", originalCode: "22008", originalMessage: "date/time field value out of range" } },
    });
    const wrapped = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: fromPg });
    expect(describeError(fromPg)).toMatchObject({ status: 422, code: "VALIDATION_FAILED", internal: false });
    expect(describeError(wrapped).message).toBe("Validation failed: a text value contains a NUL character or a byte that is not UTF-8");
    expect(describeError(fromPrisma).message).toBe(
      "Validation failed: a date or time is outside the range that can be stored (years 1 to 9999)",
    );
    for (const error of [fromPg, fromPrisma]) expect(describeError(error).message).not.toMatch(/0x00|UTF8"|field value/);
  });

  it("leaves other database failures ours (500), data exceptions our SQL would cause included", () => {
    for (const [code, text] of [
      ["23502", "null value in column violates not-null constraint"],
      ["22012", "division by zero"],
      ["22003", "integer out of range"],
      ["22P02", "invalid input syntax for type integer"],
    ]) {
      expect(describeError(Object.assign(new Error(text), { code })), code).toMatchObject({ status: 500, internal: true });
    }
  });
});
