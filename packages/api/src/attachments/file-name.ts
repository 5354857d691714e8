import path from "node:path";

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment, without
 * control characters, at most 200 characters, never empty.
 */
export function sanitiseFileName(name: string): string {
  const base = path.posix.basename(name.replaceAll("\\", "/"));
  const clean = base
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(-200);
  return clean && clean !== "." && clean !== ".." ? clean : "file";
}
