import type { ChangedByDto } from "@minbil/contracts/events/event.schema";
import type { Actor } from "./auth-context";

/** Who made a change, as events name them. */
export function changedBy(actor: Actor | null): ChangedByDto {
  if (!actor) return { type: "system", id: null, name: "MinBil" };
  switch (actor.kind) {
    case "staff":
      return { type: "staff", id: actor.userId, name: actor.name };
    case "api_token":
      return { type: "api_token", id: actor.tokenId, name: actor.name };
    case "customer":
      return { type: "customer", id: null, name: actor.name };
  }
}
