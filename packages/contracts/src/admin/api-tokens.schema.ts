import { z } from "zod";
import { storableText } from "../messages/text.schema";

export const apiTokenDto = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the secret, to tell tokens apart. */
  prefix: z.string(),
  created_at: z.iso.datetime(),
  last_used_at: z.iso.datetime().nullable(),
  revoked_at: z.iso.datetime().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenDto>;

export const createApiTokenInput = z.object({
  name: storableText("name").trim().min(1, { error: "Give the token a name" }).max(100, { error: "name must be at most 100 characters" }),
});

/** The secret is in this answer only: it is stored as a hash. */
export const createdApiTokenDto = apiTokenDto.extend({ secret: z.string() });
export type CreatedApiTokenDto = z.infer<typeof createdApiTokenDto>;

export const revokeApiTokenInput = z.object({ id: z.string().min(1) });
