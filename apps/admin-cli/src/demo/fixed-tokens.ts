/** MINBIL_WS_ACCESS_TOKEN as nordlys-bil's demo token, outside production only. */
export function demoFixedTokens(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const token = env.MINBIL_WS_ACCESS_TOKEN?.trim();
  if (!token || env.NODE_ENV === "production") return {};
  return { "nordlys-bil": token };
}
