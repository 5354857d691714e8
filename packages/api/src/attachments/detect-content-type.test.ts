import { describe, expect, it } from "vitest";
import { EXE_BYTES, PDF_BYTES, PNG_BYTES } from "../testing/sample-files";
import { detectContentType } from "./detect-content-type";

const blob = (bytes: Uint8Array<ArrayBuffer> | string) => new Blob([bytes]);

describe("detectContentType", () => {
  it("recognises images and PDFs by their bytes, whatever they claim", async () => {
    expect(await detectContentType(new File([PNG_BYTES], "x.pdf", { type: "application/pdf" }))).toBe("image/png");
    expect(await detectContentType(blob(PDF_BYTES))).toBe("application/pdf");
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, ...Array(100).fill(0)]);
    expect(await detectContentType(blob(jpeg))).toBe("image/jpeg");
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from("ftypheic"),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from("mif1heic"),
      Buffer.alloc(64),
    ]);
    expect(await detectContentType(blob(heic))).toBe("image/heic");
  });

  it("takes UTF-8 text, including Norwegian letters", async () => {
    expect(await detectContentType(blob("Hei! Bilen står klar på verkstedet. Ærlig talt, øl og ål.\r\n"))).toBe("text/plain");
  });

  it("refuses executables, archives and binary junk", async () => {
    expect(await detectContentType(blob(EXE_BYTES))).toBeNull();
    expect(await detectContentType(blob(Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Array(60).fill(1)])))).toBeNull();
    expect(await detectContentType(blob(Buffer.from([0, 1, 2, 3, 250, 251])))).toBeNull();
  });
});
