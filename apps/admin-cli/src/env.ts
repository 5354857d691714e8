import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { dbEnv, invalidSettings } from "@minbil/db/env";
import { apiEnv } from "@minbil/api/env";

/** Settings of the command-line tools, validated at start (a malformed one is named, and the tool stops). */
export const env = createEnv({
  extends: [dbEnv(), apiEnv()],
  server: {
    PORT: z.coerce.number().int().min(0).max(65_535).default(5000),
    /** `pnpm db:seed`: this value becomes the nordlys-bil workshop's API token. */
    MINBIL_WS_ACCESS_TOKEN: z.string().min(8, { error: "must be at least 8 characters" }).optional(),
    /** The base URL printed in the examples (default http://localhost:PORT). */
    MINBIL_API_BASE_URL: z.url().optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: invalidSettings,
});
