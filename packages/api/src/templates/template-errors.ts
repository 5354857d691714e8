import { isUniqueViolation } from "@minbil/db/database-errors";
import { apiError, fieldError } from "../errors";

/** An unknown template and another workshop's look the same. */
export const templateNotFound = (id: number) => apiError("NOT_FOUND", `Template ${id} was not found`);

/** A unique-name clash becomes a field error on `name`; anything else is passed on. */
export function nameTakenOr(error: unknown, name: string | undefined): unknown {
  if (isUniqueViolation(error)) return fieldError("name", `name: a template named "${name ?? ""}" already exists`);
  return error;
}
