import { useEffect, useState } from 'react';
import { onStreamEvent } from './stream.js';

/**
 * The unread count, kept live by the server's event stream: the server sends the count on connect and again on
 * every new notification or read mark; each reconnect starts with the current count, so nothing is missed.
 */
export function useUnreadCount(): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(
    () =>
      onStreamEvent('unread', (d) => {
        const n = (d as { unread?: unknown }).unread;
        if (typeof n === 'number') setUnread(n);
      }),
    [],
  );
  return unread;
}
