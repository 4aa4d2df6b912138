/** The React apps' shared half: what their handlers saw, as state and outputs; mounting. */
import { StrictMode, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { OpenRouterChatCompleteEvent, OpenRouterChatDeltaEvent } from 'openrouter-chat';

export function useChatLog() {
  const [answer, setAnswer] = useState('');
  const [deltas, setDeltas] = useState(0);
  const [complete, setComplete] = useState('');
  return {
    onDelta: (event: OpenRouterChatDeltaEvent) => {
      setAnswer(event.detail.text);
      setDeltas((count) => count + 1);
    },
    onComplete: (event: OpenRouterChatCompleteEvent) => setComplete(event.detail.message.content),
    outputs: (
      <>
        <output data-test="answer">{answer}</output>
        <output data-test="deltas">{deltas}</output>
        <output data-test="complete">{complete}</output>
      </>
    ),
  };
}

/**
 * Renders `app` in `<StrictMode>`, which mounts, unmounts and mounts again and runs effects
 * twice in development: a listener added twice, or a request sent from an effect, shows.
 */
export function mountStrict(container: HTMLElement, app: ReactNode): () => void {
  const root = createRoot(container);
  flushSync(() => root.render(<StrictMode>{app}</StrictMode>));
  return () => root.unmount();
}
