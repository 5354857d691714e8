import { getQueryClient, trpc } from "~/trpc/server";
import { ApiTokensSection } from "~/settings/api-tokens-section";
import { StaffSection } from "~/settings/staff-section";
import { ChannelsSection } from "~/settings/channels-section";
import { TemplatesSection } from "~/settings/templates/templates-section";
import { WebhooksSection } from "~/settings/webhooks/webhooks-section";
import { OwnersOnly } from "~/settings/owners-only";
import { SettingsTitle } from "~/settings/settings-title";

export default async function SettingsPage() {
  const queryClient = getQueryClient();
  const me = await queryClient.fetchQuery(trpc.auth.me.queryOptions());
  if (me.user.role !== "owner") return <OwnersOnly />;
  await Promise.all([
    queryClient.prefetchQuery(trpc.admin.tokens.queryOptions()),
    queryClient.prefetchQuery(trpc.admin.staff.queryOptions()),
    queryClient.prefetchQuery(trpc.webhooks.list.queryOptions()),
    queryClient.prefetchQuery(trpc.templates.list.queryOptions()),
    queryClient.prefetchQuery(trpc.channels.settings.queryOptions()),
  ]);
  return (
    <main className="mx-auto h-full max-w-4xl space-y-6 overflow-y-auto p-4 sm:p-6">
      <SettingsTitle />
      <TemplatesSection />
      <ChannelsSection />
      <ApiTokensSection />
      <WebhooksSection />
      <StaffSection />
    </main>
  );
}
