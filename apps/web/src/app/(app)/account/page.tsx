import { ChangePasswordForm } from "~/account/change-password-form";
import { SignOutEverywhere } from "~/account/sign-out-everywhere";
import { AccountTitle } from "~/account/account-title";

/** The signed-in staff member's own account: password and sessions. */
export default function AccountPage() {
  return (
    <main className="mx-auto h-full max-w-4xl space-y-6 overflow-y-auto p-4 sm:p-6">
      <AccountTitle />
      <ChangePasswordForm />
      <SignOutEverywhere />
    </main>
  );
}
