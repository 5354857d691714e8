import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/messages";
import { checkFiles } from "./check-files";

const t = LOCALES.en;
const file = (name: string, type: string, size = 100) => new File([new Uint8Array(size)], name, { type });

describe("checkFiles (limits shown before sending)", () => {
  it("accepts the allowed types, HEIC by name when the browser gives no type", () => {
    expect(
      checkFiles([file("a.jpg", "image/jpeg"), file("b.pdf", "application/pdf"), file("IMG_1.HEIC", ""), file("n.txt", "text/plain")], t),
    ).toBeNull();
  });

  it("names the file that is too large or of a type we do not take", () => {
    expect(checkFiles([file("stor.png", "image/png", 10 * 1024 * 1024 + 1)], t)).toBe("stor.png is larger than 10 MB.");
    expect(checkFiles([file("virus.exe", "application/x-msdownload")], t)).toBe("virus.exe: this file type is not supported.");
  });

  it("refuses more than 10 files and more than 25 MB in all", () => {
    expect(
      checkFiles(
        Array.from({ length: 11 }, (_, i) => file(`${i}.png`, "image/png")),
        t,
      ),
    ).toBe(t.tooManyFiles);
    expect(
      checkFiles(
        Array.from({ length: 3 }, (_, i) => file(`${i}.png`, "image/png", 9 * 1024 * 1024)),
        t,
      ),
    ).toBe(t.totalTooLarge);
  });
});
