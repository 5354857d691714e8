// The entry of the app's server process (pnpm dev, pnpm start, pnpm demo). Anything that stops the
// start (a bad setting, a missing secret, a database that cannot be opened) is one line on stderr and
// exit code 1, not a stack trace.
try {
  await import("./server");
} catch (error) {
  console.error(`Not starting: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
}
