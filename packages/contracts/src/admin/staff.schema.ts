import { z } from "zod";
import { storableText } from "../messages/text.schema";

export const staffDto = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(["owner", "staff"]),
  disabled: z.boolean(),
  created_at: z.iso.datetime(),
});
export type StaffDto = z.infer<typeof staffDto>;

export const STAFF_PASSWORD_MIN_LENGTH = 10;

export const createStaffInput = z.object({
  name: storableText("name").trim().min(1, { error: "Name is required" }).max(100, { error: "name must be at most 100 characters" }),
  email: z.email({ error: "Enter a valid e-mail address" }).trim().toLowerCase().max(200),
  role: z.enum(["owner", "staff"]).default("staff"),
  password: z
    .string()
    .min(STAFF_PASSWORD_MIN_LENGTH, { error: `The password needs at least ${STAFF_PASSWORD_MIN_LENGTH} characters` })
    .max(200),
});

export const setStaffDisabledInput = z.object({ id: z.string().min(1), disabled: z.boolean() });
