import { DEMO_PASSWORD, type SeededWorkshop } from "./seed-demo-data";

export function printSeed(workshops: SeededWorkshop[]): void {
  const base = process.env.MINBIL_API_BASE_URL ?? `http://localhost:${process.env.PORT ?? 5000}`;
  console.log("\nDemo data (not for production):");
  for (const workshop of workshops) {
    console.log(`\n  ${workshop.name} (${workshop.slug})${workshop.created ? "" : " (already there)"}`);
    for (const member of workshop.staff) console.log(`    sign in: ${member.email} / ${DEMO_PASSWORD}  (${member.role.toLowerCase()})`);
    console.log(`    API token: ${workshop.token}`);
  }
  const first = workshops[0];
  if (first) {
    console.log(`\n  Try it:\n    export MINBIL_API_BASE_URL=${base}\n    export MINBIL_WS_ACCESS_TOKEN=${first.token}`);
    console.log('    curl -H "Authorization: Bearer $MINBIL_WS_ACCESS_TOKEN" "$MINBIL_API_BASE_URL/api/ws/messages"\n');
  }
}
