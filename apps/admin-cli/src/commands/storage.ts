// pnpm run storage copy --to s3   copies every attachment's file from the data folder to S3_BUCKET
//   (idempotent and resumable: what is already in the bucket with the same size and SHA-256 is skipped)
import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { copyAttachmentsToBucket } from "@minbil/api/attachments/copy-to-bucket";
import { S3Storage } from "@minbil/api/attachments/s3-storage";
import { CommandError, runCommand } from "../run-command";
import { attachmentStorageSettings, localAttachmentFolder, openLocalAttachmentStorage } from "../attachment-storage";

const USAGE = `Usage:
  pnpm run storage copy --to s3   (with S3_BUCKET and the other S3_* / AWS_* settings of the app)`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { to: { type: "string" } } });
const [action] = positionals;

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

await runCommand(async ({ prisma }) => {
  if (action !== "copy" || values.to !== "s3") throw new CommandError(USAGE);
  const settings = attachmentStorageSettings();
  if (settings.kind !== "s3")
    throw new CommandError("Set S3_BUCKET (and S3_ENDPOINT, AWS_ACCESS_KEY_ID, … as for the app) to the bucket to copy to.");
  const target = S3Storage.fromSettings(settings);
  // A wrong bucket or key fails here, before anything is read.
  await target.check();
  // The endpoint's host only: a URL may carry credentials.
  const where = settings.endpoint ? ` at ${new URL(settings.endpoint).host}` : "";
  console.log(`Copying attachments from ${localAttachmentFolder()} to bucket ${settings.bucket}${where}.`);
  const bar = new SingleBar(
    { format: "{bar} {value}/{total} files | {copied} copied, {skipped} already there | {bytes} | {eta_formatted} left", hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  try {
    const result = await copyAttachmentsToBucket({ db: prisma, source: openLocalAttachmentStorage(), target }, (progress) => {
      const payload = { copied: progress.copied, skipped: progress.skipped, bytes: megabytes(progress.bytesCopied) };
      if (!started) {
        bar.start(progress.total, 0, payload);
        started = true;
      }
      bar.update(progress.done, payload);
    });
    bar.stop();
    console.log(
      `Done: ${result.copied} copied (${megabytes(result.bytesCopied)}), ${result.skipped} already in the bucket, of ${result.total} attachments.`,
    );
    if (result.missing.length) {
      console.log(`${result.missing.length} attachment(s) have no file in the data folder (not copied): ${result.missing.join(", ")}`);
    }
    if (result.damaged.length) {
      console.log(`${result.damaged.length} file(s) differ from what was sent (size or SHA-256), not copied: ${result.damaged.join(", ")}`);
    }
    if (result.missing.length || result.damaged.length) {
      throw new CommandError(
        "Not every attachment is in the bucket yet: see above. Running the command again copies only what is missing.",
      );
    }
  } finally {
    bar.stop();
    target.close();
  }
});
