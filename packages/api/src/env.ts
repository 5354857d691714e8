import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { invalidSettings } from "@minbil/db/env";
import { RATE_LIMIT_DEFAULTS } from "@minbil/contracts/rest/rate-limits";

/** A quota of a rate-limit policy: requests per window (see contracts/src/rest/rate-limits.ts for why the defaults). */
const quota = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

/** Settings of the API package, validated at start. */
export function apiEnv(runtimeEnv: Record<string, string | undefined> = process.env) {
  return createEnv({
    server: {
      NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
      /** pino level; tests are silent by default. */
      LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
      /**
       * A request body must keep arriving at 10 kB/s or more, measured over windows of this many
       * milliseconds; a slower one is cut off with 408 (a trickling upload must not hold a connection).
       */
      HTTP_BODY_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
      /**
       * Encrypts stored secrets (webhook signing secrets) at rest: at least 32 characters, e.g.
       * `openssl rand -base64 32`. Required in production; development and the demo keep a generated
       * one in the data folder. Every app process (and the command-line tools) must have the same.
       */
      MINBIL_ENCRYPTION_KEY: z.string().min(32, { error: "must be at least 32 characters (e.g. openssl rand -base64 32)" }).optional(),
      /** Days events stay in the event feed (at least 30 are promised to partners). */
      EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
      /**
       * Webhook retry delays after each failed attempt, comma-separated (`0,5s,5m,30m,2h`); the default
       * is the Standard Webhooks schedule over a day. Tests and operators shorten it.
       */
      WEBHOOK_RETRY_SCHEDULE: z
        .string()
        .regex(/^\s*\d+(ms|s|m|h)?\s*(,\s*\d+(ms|s|m|h)?\s*)*$/, { error: "must be comma-separated durations such as 0,5s,5m,2h" })
        .default("0,5s,5m,30m,2h,5h,10h,14h,20h,24h"),
      /**
       * Whether webhook URLs may point at loopback, private, link-local or cloud metadata addresses.
       * Default: allowed outside production (local receivers), refused in production.
       */
      WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
      /**
       * E-mail to customers: the SMTP server as a URL (smtp://user:password@host:587, smtps://…:465).
       * Unset: the e-mail channel is off.
       */
      SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
      /** The From address of e-mails to customers (the workshop's name is shown as the sender). */
      EMAIL_FROM: z.email({ error: "must be an e-mail address" }).optional(),
      /** Replies by e-mail: the domain of the threads' reply addresses (reply+…@this), routed to Mailgun. */
      INBOUND_EMAIL_DOMAIN: z
        .string()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { error: "must be a domain name" })
        .optional(),
      /** Mailgun's HTTP webhook signing key: inbound e-mail is refused unless signed with it. */
      MAILGUN_WEBHOOK_SIGNING_KEY: z.string().min(8).optional(),
      /** SMS to customers through Twilio: the account SID (AC…); with the auth token and sender. Unset: SMS is off. */
      TWILIO_ACCOUNT_SID: z
        .string()
        .regex(/^AC\w+$/, { error: "must be a Twilio account SID (AC…)" })
        .optional(),
      /** Twilio's auth token: authenticates sends and verifies Twilio's webhook signatures. */
      TWILIO_AUTH_TOKEN: z.string().min(8).optional(),
      /** The SMS sender: a Twilio phone number (+47…) or a Messaging Service SID (MG…). */
      TWILIO_FROM: z
        .string()
        .regex(/^(\+[1-9]\d{6,14}|MG\w+)$/, { error: "must be a +number or a Messaging Service SID (MG…)" })
        .optional(),
      /** Twilio's API host (default https://api.twilio.com; a regional edge, or a test double). */
      TWILIO_API_URL: z.url().default("https://api.twilio.com"),
      /** Retry delays of customer notifications after each failed send, as WEBHOOK_RETRY_SCHEDULE. */
      CHANNEL_RETRY_SCHEDULE: z
        .string()
        .regex(/^\s*\d+(ms|s|m|h)?\s*(,\s*\d+(ms|s|m|h)?\s*)*$/, { error: "must be comma-separated durations such as 0,30s,5m" })
        .default("0,30s,2m,10m,1h,4h"),
      /** The window of every API rate limit, in seconds. */
      RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(RATE_LIMIT_DEFAULTS.windowSeconds),
      /** Requests per window with one API token (sends included). */
      RATE_LIMIT_TOKEN_REQUESTS: quota(RATE_LIMIT_DEFAULTS.token),
      /** Messages sent per window with one API token. */
      RATE_LIMIT_TOKEN_SENDS: quota(RATE_LIMIT_DEFAULTS.send),
      /** Requests without valid credentials per window from one client address. */
      RATE_LIMIT_ADDRESS_REQUESTS: quota(RATE_LIMIT_DEFAULTS.address),
      /** The inbox's calls per window per signed-in staff member. */
      RATE_LIMIT_STAFF_REQUESTS: quota(RATE_LIMIT_DEFAULTS.staff),
      /** Attachments go to this S3(-compatible) bucket instead of the data folder when set. */
      S3_BUCKET: z.string().min(3, { error: "must be a bucket name" }).optional(),
      /** An S3-compatible server's URL (MinIO, R2, Garage…); unset: AWS S3 itself. */
      S3_ENDPOINT: z.url({ error: "must be a URL such as http://127.0.0.1:9000" }).optional(),
      /** The bucket's region; S3-compatible servers mostly ignore it, but the request signature needs one. */
      S3_REGION: z.string().min(1).default("us-east-1"),
      /** Address the bucket in the path (`endpoint/bucket/key`) rather than as a subdomain: most S3-compatible servers want this. */
      S3_FORCE_PATH_STYLE: z.enum(["true", "false"], { error: "must be true or false" }).default("false"),
      /**
       * Credentials for the bucket, the AWS SDK's standard variables. Unset: the SDK's usual chain
       * (~/.aws, instance or container roles). Never logged.
       */
      AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
      AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
      AWS_SESSION_TOKEN: z.string().min(1).optional(),
      /**
       * How app processes wake each other when events are written: `postgres` (LISTEN/NOTIFY, the default
       * on PostgreSQL) or `redis` (pub/sub at REDIS_URL). On the embedded database only one process runs.
       */
      EVENT_BUS: z.enum(["postgres", "redis"], { error: "must be postgres or redis" }).optional(),
      /** The Redis server of EVENT_BUS=redis, e.g. redis://:password@redis.internal:6379 (rediss:// for TLS). */
      REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379" }).optional(),
      /** The Bearer token Prometheus sends to GET /api/metrics; unset, the endpoint does not exist (404). */
      METRICS_TOKEN: z.string().min(16, { error: "must be at least 16 characters (e.g. openssl rand -hex 24)" }).optional(),
    },
    runtimeEnv,
    emptyStringAsUndefined: true,
    onValidationError: invalidSettings,
  });
}
export type ApiEnv = ReturnType<typeof apiEnv>;
