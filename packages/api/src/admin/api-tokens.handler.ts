import { z } from "zod";
import type { PrismaClient } from "@minbil/db/client";
import {
  apiTokenDto,
  createdApiTokenDto,
  type createApiTokenInput,
  type revokeApiTokenInput,
} from "@minbil/contracts/admin/api-tokens.schema";
import { createApiToken } from "../auth/api-token";
import { apiError } from "../errors";
import { toApiTokenDto } from "./api-token-dto";

type Deps = { db: PrismaClient; workshopId: string };

/** The workshop's API tokens, newest first, with when each was last used. */
export async function listApiTokens(deps: Deps) {
  const rows = await deps.db.apiToken.findMany({ where: { workshopId: deps.workshopId }, orderBy: { createdAt: "desc" } });
  return z.array(apiTokenDto).parse(rows.map(toApiTokenDto));
}

/** A new token; its secret is in this answer and nowhere else. */
export async function createWorkshopApiToken(deps: Deps, input: z.output<typeof createApiTokenInput>) {
  const token = await createApiToken(deps.db, deps.workshopId, input.name);
  return createdApiTokenDto.parse({ ...toApiTokenDto({ ...token, lastUsedAt: null, revokedAt: null }), secret: token.secret });
}

/** Revokes a token of this workshop; requests with it fail from now on. */
export async function revokeWorkshopApiToken(deps: Deps, input: z.output<typeof revokeApiTokenInput>) {
  await deps.db.apiToken.updateMany({
    where: { id: input.id, workshopId: deps.workshopId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const row = await deps.db.apiToken.findFirst({ where: { id: input.id, workshopId: deps.workshopId } });
  if (!row) throw apiError("NOT_FOUND", "API token not found");
  return apiTokenDto.parse(toApiTokenDto(row));
}
