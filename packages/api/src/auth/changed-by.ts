import type { ChangedByDto } from "@minbil/contracts/events/event.schema";
import type { Actor } from "./auth-context";

/** Who made a change, as events name them. */
export function changedBy(actor: Actor | null): ChangedByDto {
  if (!actor) return { type: "system", id: null, name: "MinBil" };
  return actor.kind === "staff"
    ? { type: "staff", id: actor.userId, name: actor.name }
    : { type: "api_token", id: actor.tokenId, name: actor.name };
}
