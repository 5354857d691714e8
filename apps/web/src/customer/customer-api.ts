import type { CustomerMessageDto, CustomerViewDto } from "@minbil/contracts/customer/customer-view.schema";
import type { EstimateDto } from "@minbil/contracts/estimates/estimate.schema";
import type { CustomerText } from "./customer-text";

// The customer page's calls to /api/customer/<token>/… (see packages/api/src/rest/customer-page.routes.ts).
// Every state-changing call carries our CSRF header, which another site cannot send.

const CSRF = { "X-MinBil-CSRF": "1" };

/** A refusal, with the sentence to show in the page's language. */
export class CustomerApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function errorFor(status: number, t: CustomerText): CustomerApiError {
  const { errors } = t;
  const text =
    status === 413
      ? errors.tooLarge
      : status === 415
        ? errors.fileType
        : status === 422
          ? errors.empty
          : status === 429
            ? errors.rateLimited
            : status === 404
              ? errors.gone
              : status === 409
                ? errors.conflict
                : errors.other;
  return new CustomerApiError(status, text);
}

async function call<T>(url: string, init: RequestInit, t: CustomerText): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, cache: "no-store" });
  } catch {
    throw new CustomerApiError(0, t.errors.offline);
  }
  if (!response.ok) throw errorFor(response.status, t);
  if (response.status === 204) return undefined as T;
  return ((await response.json()) as { data: T }).data;
}

export const attachmentUrl = (token: string, id: string) => `/api/customer/${token}/attachments/${id}`;

export function fetchView(token: string, t: CustomerText, beforeSeq?: number): Promise<CustomerViewDto> {
  return call(`/api/customer/${token}${beforeSeq ? `?before=${beforeSeq}` : ""}`, {}, t);
}

export function postMessage(token: string, form: FormData, idempotencyKey: string, t: CustomerText): Promise<CustomerMessageDto> {
  return call(
    `/api/customer/${token}/messages`,
    { method: "POST", headers: { ...CSRF, "Idempotency-Key": idempotencyKey }, body: form },
    t,
  );
}

export function postSeen(token: string, seq: number, t: CustomerText): Promise<void> {
  return call(
    `/api/customer/${token}/seen`,
    { method: "POST", headers: { ...CSRF, "Content-Type": "application/json" }, body: JSON.stringify({ seq }) },
    t,
  );
}

export function postDecisions(
  token: string,
  estimateId: string,
  decisions: { line_id: string; decision: "approved" | "declined" }[],
  t: CustomerText,
): Promise<EstimateDto> {
  return call(
    `/api/customer/${token}/estimates/${estimateId}/decision`,
    { method: "POST", headers: { ...CSRF, "Content-Type": "application/json" }, body: JSON.stringify({ decisions }) },
    t,
  );
}
