/**
 * FormData as a plain object for the send schema: repeated keys and every file key become arrays
 * (`attachments`), single text fields stay strings.
 */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    const isFiles = values.some((value) => typeof value !== "string");
    out[key] = values.length > 1 || isFiles ? values : values[0];
  }
  return out;
}
