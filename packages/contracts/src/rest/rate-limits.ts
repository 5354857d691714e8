/**
 * The API's rate-limit policies, by the names its `RateLimit-Policy` and `RateLimit` headers use
 * (draft-ietf-httpapi-ratelimit-headers-11), and their default quotas. Each quota is a number of
 * requests per window, configurable per deployment (the `RATE_LIMIT_*` settings).
 *
 * - `token`: every request made with one API token (a send counts here too).
 * - `send`: messages sent with one API token (REST sends and tRPC `messages.send`).
 * - `address`: requests from one client address that carry no valid credentials (none, or an
 *   invalid, revoked or cross-site one). Requests with a valid token never count here.
 * - `staff`: the inbox's own calls, per signed-in staff member.
 */
export const RATE_LIMIT_POLICIES = ["token", "send", "address", "staff"] as const;
export type RateLimitPolicy = (typeof RATE_LIMIT_POLICIES)[number];

// Why these defaults (one window of 60 s for all):
// - token 600/min (10 a second on average, all of it at once if need be): a busy dealer's integration
//   polls the inbox and the event feed every few seconds, holds a 30 s long poll or a stream, and
//   fetches the threads and files that changed: well under 100 requests a minute in steady use, so
//   600 leaves room for bursts and a backfill of 36 000 requests an hour. A request costs 2-7 ms of
//   one core (README, Speed), so one runaway integration at the limit takes a few percent of the
//   server, not the inbox's share.
// - send 60/min: each send is a transaction (message, thread summary, event), may carry 25 MB of
//   files, and reaches a customer. Even a busy workshop sends a few hundred messages a day; a morning
//   batch of 300 reminders goes through in five minutes, while a client stuck in a loop cannot bury a
//   customer in thousands of messages.
// - address 60/min: only requests without valid credentials count (a wrong or revoked token, none at
//   all); a correctly configured integration never spends it, so it can be low. It slows scanners
//   and a client retrying with a revoked token, and is shared fairly by an office behind one address.
// - staff 1200/min per staff member: the inbox makes a few calls per click (batched, up to 10 per
//   request, each counted) and one long-lived event stream; even fast work in several tabs stays under
//   a tenth of this. It stops a runaway page or script, never a person at work.
export const RATE_LIMIT_DEFAULTS = {
  windowSeconds: 60,
  token: 600,
  send: 60,
  address: 60,
  staff: 1200,
} as const satisfies Record<RateLimitPolicy | "windowSeconds", number>;
