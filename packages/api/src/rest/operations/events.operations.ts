import { z } from "zod";
import { EVENT_WAIT_MAX_SECONDS, eventPageDto, listEventsInput } from "@minbil/contracts/events/list-events.schema";
import { defineOperation } from "./operation";

// The event feed (/api/ws/events): routes in ../events.routes.ts.

const TAG = "Events";

export const listEventsOperation = defineOperation({
  id: "listEvents",
  method: "GET",
  path: "/api/ws/events",
  tag: TAG,
  summary: "Read the event feed",
  description: [
    "The workshop's events after `after` (the last `seq` you have), oldest first; without `after`, from the oldest event still kept.",
    "Pass `meta.next_after` as the next `after`.",
    `With \`wait\` (at most ${EVENT_WAIT_MAX_SECONDS} s) an empty answer is held until an event is written, or the time is up (long polling).`,
    "Events are kept `EVENT_RETENTION_DAYS` (30 by default); an older `after` answers 410 `EVENTS_EXPIRED` with `error.oldest_seq`.",
  ].join(" "),
  auth: "bearer",
  request: { query: listEventsInput },
  responses: { 200: { description: "A page of events", content: { "application/json": { schema: eventPageDto } } } },
  errors: ["VALIDATION_FAILED", "EVENTS_EXPIRED"],
});

export const streamEventsOperation = defineOperation({
  id: "streamEvents",
  method: "GET",
  path: "/api/ws/events/stream",
  tag: TAG,
  summary: "Stream events (server-sent events)",
  description: [
    "`text/event-stream`: each event is one message whose `id:` is its `seq` and whose `data:` is the event as JSON (the same as the feed's).",
    "An EventSource resumes by itself after a dropped connection (`Last-Event-ID`); `?after=` resumes explicitly; with neither it starts now.",
    "A comment line every 15 s keeps proxies from closing a quiet stream; the stream ends when the server shuts down (reconnect).",
  ].join(" "),
  auth: "bearer",
  request: {
    query: z.object({ after: listEventsInput.shape.after.meta({ description: "Resume after this seq" }) }),
    headers: z.object({
      "Last-Event-ID": z.string().optional().meta({ description: "The seq of the last event received (sent by EventSource)" }),
    }),
  },
  responses: {
    200: {
      description: "The stream",
      content: {
        "text/event-stream": {
          schema: z.string().meta({ example: 'id: 42\ndata: {"id":"evt_…","seq":42,"type":"message.created",…}\n\n' }),
        },
      },
    },
  },
  errors: ["VALIDATION_FAILED", "EVENTS_EXPIRED"],
});
