import { NoThreadSelected } from "~/inbox/thread/no-thread-selected";

/** /inbox: the list (from the layout) and, on wide screens, a hint to pick a thread. */
export default function InboxPage() {
  return <NoThreadSelected />;
}
