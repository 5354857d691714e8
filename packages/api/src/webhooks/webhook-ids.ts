import { randomBytes } from "node:crypto";

export const newEndpointId = () => `whe_${randomBytes(12).toString("base64url")}`;
/** A delivery's id is its `webhook-id`: unique per event and endpoint, the same on every retry. */
export const newDeliveryId = () => `msg_${randomBytes(15).toString("base64url")}`;
