import { DEMO_PASSWORD, type SeededWorkshop } from "./seed-demo-data";

/**
 * What a person starting the demo needs, printed at every start: the sign-ins, the tokens made now
 * (shown once), and how to get another token. Earlier tokens are never revoked by a restart or a seed.
 */
export function printSeed(workshops: SeededWorkshop[], baseUrl: string): void {
  const lines = ["", "Demo data (not for production):"];
  for (const workshop of workshops) {
    lines.push("", `  ${workshop.name} (${workshop.slug})${workshop.created ? ", created now" : ""}`);
    for (const member of workshop.staff) lines.push(`    sign in: ${member.email} / ${DEMO_PASSWORD}  (${member.role.toLowerCase()})`);
    if (workshop.fixedToken) lines.push(`    API token: ${workshop.fixedToken}  (MINBIL_WS_ACCESS_TOKEN)`);
    if (workshop.fixedTokenProblem) lines.push(`    MINBIL_WS_ACCESS_TOKEN was not used: ${workshop.fixedTokenProblem}`);
    if (workshop.newToken) lines.push(`    API token: ${workshop.newToken}  (new; shown once, earlier tokens still work)`);
  }
  const example = workshops.find((workshop) => workshop.fixedToken ?? workshop.newToken);
  const token = example?.fixedToken ?? example?.newToken;
  lines.push("");
  if (token) {
    lines.push(
      "  Try it:",
      `    export MINBIL_API_BASE_URL=${baseUrl}`,
      `    export MINBIL_WS_ACCESS_TOKEN=${token}`,
      '    curl -H "Authorization: Bearer $MINBIL_WS_ACCESS_TOKEN" "$MINBIL_API_BASE_URL/api/ws/messages"',
    );
  } else {
    lines.push(
      "  API tokens are shown once, when made; the ones printed before still work.",
      '  Another one: pnpm run token create --workshop nordlys-bil --name "My integration"',
    );
  }
  lines.push(`  Open ${baseUrl} and sign in.`, "");
  console.log(lines.join("\n"));
}
