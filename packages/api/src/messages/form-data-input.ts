/** Fields a form carries as JSON text (structured values have no form encoding of their own). */
const JSON_FIELDS = new Set(["estimate"]);

/**
 * FormData as a plain object for the send schema: repeated keys and every file key become arrays
 * (`attachments`), single text fields stay strings, and JSON fields are parsed (text that is not
 * JSON stays text, and the schema names the field it fails).
 */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    const isFiles = values.some((value) => typeof value !== "string");
    const value = values.length > 1 || isFiles ? values : values[0];
    out[key] = JSON_FIELDS.has(key) && typeof value === "string" ? parseJson(value) : value;
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
