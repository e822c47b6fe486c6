import { useEffect, useState } from 'react';
import { notificationsApi } from '../api/supervision.js';

/**
 * The unread count, kept live by the server's event stream: the server sends the count on connect and again on
 * every new notification or read mark. EventSource reconnects by itself after a network hiccup (the server asks
 * for 5 s), and each reconnect starts with the current count, so nothing is missed.
 */
export function useUnreadCount(): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(notificationsApi.streamUrl);
    const onUnread = (e: MessageEvent<string>) => {
      try {
        setUnread((JSON.parse(e.data) as { unread: number }).unread);
      } catch {
        // A malformed frame changes nothing; the next one carries the whole count again.
      }
    };
    source.addEventListener('unread', onUnread as EventListener);
    return () => {
      source.removeEventListener('unread', onUnread as EventListener);
      source.close();
    };
  }, []);
  return unread;
}
