// Small real files for tests: the type detection reads their bytes, so they must be genuine.

/** A 1×1 transparent PNG. */
export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** A minimal one-page PDF. */
export const PDF_BYTES = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** A Windows executable header: never allowed, whatever name or type it claims. */
export const EXE_BYTES = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(126, 0), Buffer.from("PE\0\0"), Buffer.alloc(200, 1)]);

export function file(bytes: Uint8Array<ArrayBuffer>, name: string, type: string): File {
  return new File([bytes], name, { type });
}

/** A PNG of exactly `size` bytes (a real PNG followed by padding): for testing size limits. */
export function pngOfSize(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set(PNG_BYTES.subarray(0, Math.min(size, PNG_BYTES.length)));
  return bytes;
}
