import { apiError } from "../errors";

/** "10 MB" for whole mebibytes (the unit our limits are stated in), else kilobytes. */
export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MB` : `${Math.round(bytes / 1024)} kB`;
}

export function tooLarge(limit: number) {
  return apiError("PAYLOAD_TOO_LARGE", `The request body is larger than ${formatBytes(limit)}`);
}

export function bodyTooSlow() {
  return apiError("REQUEST_TIMEOUT", "The request body arrived too slowly; send it again on a faster connection");
}
