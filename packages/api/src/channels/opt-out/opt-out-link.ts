import { CHANNEL_PATHS } from "../channel-services";
import { mac, macMatches } from "../signed-token";

/**
 * The signed link in every e-mail that stops e-mail for that address at that workshop. Signed, so that
 * nobody can unsubscribe someone else by editing the link.
 */
export function optOutUrl(key: Buffer, publicBaseUrl: string, target: { workshopId: string; address: string }): string {
  const address = Buffer.from(target.address).toString("base64url");
  const signature = mac(key, "email-opt-out", `${target.workshopId}:${target.address}`, 32);
  return `${publicBaseUrl.replace(/\/$/, "")}${CHANNEL_PATHS.emailOptOut}?w=${encodeURIComponent(target.workshopId)}&a=${address}&s=${signature}`;
}

/** The workshop and address of an opt-out link's query, or null when its signature does not match. */
export function readOptOutLink(key: Buffer, query: URLSearchParams): { workshopId: string; address: string } | null {
  const workshopId = query.get("w");
  const encoded = query.get("a");
  const signature = query.get("s");
  if (!workshopId || !encoded || !signature || workshopId.length > 64 || encoded.length > 700) return null;
  const address = Buffer.from(encoded, "base64url").toString("utf8");
  return macMatches(key, "email-opt-out", `${workshopId}:${address}`, signature, 32) ? { workshopId, address } : null;
}
