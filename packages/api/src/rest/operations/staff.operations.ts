import { z } from "zod";
import { staffRefDto } from "@minbil/contracts/dto";
import { defineOperation } from "./operation";

// The workshop's staff (/api/ws/staff): route in ../staff.routes.ts.

export const listStaffOperation = defineOperation({
  id: "listStaff",
  method: "GET",
  path: "/api/ws/staff",
  tag: "Staff",
  summary: "List the workshop's staff",
  description: "Everyone a thread can be assigned to (`assignee_id` of `PATCH /api/ws/messages/thread/{booking_id}`), by name.",
  auth: "bearer",
  responses: {
    200: {
      description: "The workshop's active staff, by name",
      content: {
        "application/json": {
          schema: z.object({ data: z.array(staffRefDto), meta: z.object({ next_cursor: z.null(), has_more: z.literal(false) }) }),
        },
      },
    },
  },
  errors: [],
});
