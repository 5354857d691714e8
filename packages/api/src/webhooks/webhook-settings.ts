import type { WebhookSettings } from "../context";
import { parseRetrySchedule } from "./retry-schedule";

/**
 * Webhook settings from the environment: private targets are allowed outside production (and in the
 * demo, whose receivers are local), refused in production, unless WEBHOOK_ALLOW_PRIVATE_TARGETS says.
 */
export function webhookSettingsFrom(
  env: { NODE_ENV: string; WEBHOOK_ALLOW_PRIVATE_TARGETS?: "true" | "false"; WEBHOOK_RETRY_SCHEDULE: string },
  options: { demo: boolean },
): WebhookSettings {
  const allowPrivateTargets =
    env.WEBHOOK_ALLOW_PRIVATE_TARGETS !== undefined
      ? env.WEBHOOK_ALLOW_PRIVATE_TARGETS === "true"
      : env.NODE_ENV !== "production" || options.demo;
  return { allowPrivateTargets, retrySchedule: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE) };
}
