import type { FastifyReply } from "fastify";
import type { OpenedAttachment } from "../attachments/open-attachment.handler";

/** Answers with a stored file: images and PDFs shown in the browser, anything else downloaded; never cached by others. */
export function sendAttachment(reply: FastifyReply, file: OpenedAttachment) {
  const inline = file.contentType.startsWith("image/") || file.contentType === "application/pdf";
  return reply
    .headers({
      "Content-Type": file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      // Authenticated content: never kept by shared caches, nor by the browser after sign-out.
      "Cache-Control": "private, no-store",
      ETag: `"${file.checksum}"`,
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    })
    .send(file.body);
}
