import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// Runs the curl, axios and fetch examples of the platform's API document (docs/reference) against
// the running app, with MINBIL_API_BASE_URL and MINBIL_WS_ACCESS_TOKEN set as the document intends.

const run = promisify(execFile);
const DOC = path.resolve(import.meta.dirname, "../../../docs/reference/workshop-messages-api.txt");
let workDir: string;
let sections: { title: string; axios: string; curl: string; fetch: string }[];

beforeAll(async () => {
  // Inside apps/web so that the axios example resolves the axios package.
  workDir = await mkdtemp(path.join(import.meta.dirname, ".examples-"));
  const lines = (await readFile(DOC, "utf8")).split("\n");
  sections = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i] !== "Node.js Axios example") continue;
    const curlAt = lines.indexOf("cURL example", i);
    const fetchAt = lines.indexOf("Fetch example", curlAt);
    const fetchEnd = lines.indexOf("console.log(data);", fetchAt);
    let title = i;
    while (title > 0 && !lines[title]!.startsWith("Auth: Bearer")) title -= 1;
    sections.push({
      title: lines[title - 2]!,
      axios: lines.slice(i + 1, curlAt).join("\n"),
      curl: lines.slice(curlAt + 1, fetchAt).join("\n"),
      fetch: lines.slice(fetchAt + 1, fetchEnd + 1).join("\n"),
    });
  }
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

const env = () => ({ ...process.env, MINBIL_API_BASE_URL: inject("baseUrl"), MINBIL_WS_ACCESS_TOKEN: inject("token") });

async function runCurl(script: string) {
  // The document prints each line continuation as `\\` (an escaped backslash in its source). Shells
  // read that as a literal backslash and end the command there, so we run it as the rendered `\`.
  const file = path.join(workDir, `example-${Math.random().toString(36).slice(2)}.sh`);
  await writeFile(file, script.replace(/\\\\$/gm, "\\"));
  const { stdout } = await run("bash", [file], { env: env() });
  return JSON.parse(stdout);
}

async function runNode(source: string) {
  const file = path.join(workDir, `example-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, source);
  // The axios examples print errors with console.error: read both streams.
  const { stdout, stderr } = await run(process.execPath, [file], { env: env() });
  return stdout + stderr;
}

const expectations: Record<number, { status: "list" | "validation" }> = {
  0: { status: "list" },
  1: { status: "validation" },
  2: { status: "validation" },
  3: { status: "validation" },
  4: { status: "validation" },
};

describe("the API document's examples", () => {
  it("has the five endpoints' examples", () => {
    expect(sections.map((s) => s.title)).toHaveLength(5);
  });

  for (const [index, { status }] of Object.entries(expectations)) {
    it(`example ${index}: curl, axios and fetch get the documented answer`, async () => {
      const section = sections[Number(index)]!;
      const curl = await runCurl(section.curl);
      const axios = await runNode(section.axios);
      const fetched = await runNode(section.fetch);
      if (status === "list") {
        expect(curl.data.length).toBeGreaterThan(0);
        expect(curl.meta).toMatchObject({ has_more: expect.any(Boolean) });
        expect(curl.data[0]).toMatchObject({
          booking_id: expect.any(Number),
          unread_count: expect.any(Number),
          last_message: expect.any(Object),
        });
        for (const out of [axios, fetched]) expect(out).toContain("next_cursor");
      } else {
        expect(curl).toMatchObject({ success: false, error: { code: "VALIDATION_FAILED" } });
        for (const out of [axios, fetched]) expect(out).toContain("VALIDATION_FAILED");
      }
    });
  }
});
