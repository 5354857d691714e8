"use client";

import type { WebhookDeliveryDto } from "@minbil/contracts/webhooks/webhook.schema";
import { useI18n } from "~/i18n/i18n-provider";
import { ResponseBody } from "./response-body";

type Attempt = WebhookDeliveryDto["attempts"][number];

/** One attempt: when, the receiver's status (or none), how long it took, what went wrong, what it answered. */
export function AttemptItem({ attempt }: { attempt: Attempt }) {
  const { t, format } = useI18n();
  const ok = attempt.status_code !== null && attempt.status_code >= 200 && attempt.status_code < 300;
  // "HTTP 500" says nothing the status does not; other errors (timeouts, refused connections) are the news.
  const error = attempt.error && attempt.error !== `HTTP ${attempt.status_code}` ? attempt.error : null;
  return (
    <li className={`rounded border-l-4 bg-white px-2 py-1 text-xs ${ok ? "border-l-green-700" : "border-l-red-700"}`} data-testid="attempt">
      <p className="flex flex-wrap gap-x-2">
        <time dateTime={attempt.attempted_at} className="text-slate-700">
          {format.dateTimeSeconds(attempt.attempted_at)}
        </time>
        <span className={`font-semibold ${ok ? "text-green-800" : "text-red-800"}`} data-testid="attempt-status">
          {attempt.status_code === null ? t.noAnswer : `HTTP ${attempt.status_code}`}
        </span>
        <span className="text-slate-700">{attempt.duration_ms} ms</span>
      </p>
      {error && (
        <p className="break-all text-red-800">
          {t.attemptError}: <code className="font-mono">{error}</code>
        </p>
      )}
      {attempt.response_body && <ResponseBody body={attempt.response_body} />}
    </li>
  );
}
