import { useCallback, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import type { ScreenPop } from '../api/calls.js';
import { useScreenPop } from '../calls/use-screen-pop.js';

/** Ctrl+Enter saves from any field, Alt+N starts the next call: the hands stay on the keyboard. */
export function useIntakeShortcuts(submit: () => unknown, startNewCall: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void submit();
      } else if (e.altKey && (e.code === 'KeyN' || e.key.toLowerCase() === 'n')) {
        e.preventDefault();
        startNewCall();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit, startNewCall]);
}

/**
 * A call put through to this agent, popped on the stream or brought by the link that opened the console: a blank (or
 * finished) console takes it at once; one in the middle of a call asks (startNewCall). Each call is taken once.
 */
export function useIncomingCall(startNewCall: (pop?: ScreenPop) => void) {
  const location = useLocation();
  const takeCall = useCallback((pop: ScreenPop) => startNewCall(pop), [startNewCall]);
  useScreenPop(takeCall);
  const arrived = (location.state as { pop?: ScreenPop } | null)?.pop;
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (!arrived || handled.current === arrived.callId) return;
    handled.current = arrived.callId;
    takeCall(arrived);
  }, [arrived, takeCall]);
}
