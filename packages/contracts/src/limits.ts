/** Limits of the messages API, shared so that the inbox can show them before a user hits them. */
export const MESSAGE_BODY_MAX_CHARS = 10_000;

export const ATTACHMENT_LIMITS = {
  maxFiles: 10,
  maxFileBytes: 10 * 1024 * 1024,
  maxRequestBytes: 25 * 1024 * 1024,
} as const;

/** File types a message may carry; checked against the file's bytes, not the type the upload claims. */
export const ALLOWED_ATTACHMENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf", "text/plain"] as const;
export type AttachmentContentType = (typeof ALLOWED_ATTACHMENT_TYPES)[number];

export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** How long a POST's Idempotency-Key is remembered. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
