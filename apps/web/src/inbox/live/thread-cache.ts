import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import type { MessageDeliveryDto, MessageDto, ThreadDetailDto } from "@minbil/contracts/dto";

export type ThreadPages = InfiniteData<ThreadDetailDto, string | null | undefined>;

/** Adds a message to the newest page of a cached thread, once (by id), keeping seq order. */
export function appendMessage(queryClient: QueryClient, key: QueryKey, message: MessageDto) {
  queryClient.setQueryData<ThreadPages>(key, (data) => {
    if (!data?.pages[0]) return data;
    if (data.pages.some((page) => page.data.messages.some((m) => m.id === message.id))) return data;
    const [newest, ...older] = data.pages;
    const messages = [...newest.data.messages.filter((m) => m.id > 0), message, ...newest.data.messages.filter((m) => m.id < 0)];
    messages.sort((a, b) => (a.id < 0 ? 1 : b.id < 0 ? -1 : a.seq - b.seq));
    return {
      ...data,
      pages: [{ ...newest, data: { ...newest.data, messages, message_count: Math.max(newest.data.message_count, message.seq) } }, ...older],
    };
  });
}

/** Removes a pending (optimistic) message. */
export function removeMessage(queryClient: QueryClient, key: QueryKey, id: number) {
  queryClient.setQueryData<ThreadPages>(key, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({ ...page, data: { ...page.data, messages: page.data.messages.filter((m) => m.id !== id) } })),
        }
      : data,
  );
}

/** Sets the signed-in staff member's unread count of a cached thread (a number, or a change of the current one). */
export function setUnreadCount(queryClient: QueryClient, key: QueryKey, unread: number | ((current: number) => number)) {
  queryClient.setQueryData<ThreadPages>(key, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page, index) =>
            index === 0
              ? { ...page, data: { ...page.data, unread_count: typeof unread === "number" ? unread : unread(page.data.unread_count) } }
              : page,
          ),
        }
      : data,
  );
}

/** A cached message's delivery (SMS / e-mail status, seen), as a message.delivery_updated event tells it. */
export function setMessageDelivery(queryClient: QueryClient, key: QueryKey, messageId: number, delivery: MessageDeliveryDto) {
  queryClient.setQueryData<ThreadPages>(key, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) =>
            page.data.messages.some((m) => m.id === messageId)
              ? { ...page, data: { ...page.data, messages: page.data.messages.map((m) => (m.id === messageId ? { ...m, delivery } : m)) } }
              : page,
          ),
        }
      : data,
  );
}
