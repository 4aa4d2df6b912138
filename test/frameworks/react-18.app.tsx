/**
 * React 18 (bundled with `react` aliased to React 18): the `@lit/react` wrapper from
 * `openrouter-chat/react` sets props as properties and maps `onDelta`-style props to events.
 */
import { OpenRouterChat } from 'openrouter-chat/react';
import type { ChatAppProps, MountChatApp } from './contract.js';
import { mountStrict, useChatLog } from './react-shared.js';

function Chat({ endpoint, history, models, temperature }: ChatAppProps) {
  const log = useChatLog();
  return (
    <>
      <OpenRouterChat
        endpoint={endpoint}
        messages={history}
        models={models}
        temperature={temperature}
        onDelta={log.onDelta}
        onComplete={log.onComplete}
      />
      {log.outputs}
    </>
  );
}

export const mount: MountChatApp = async (container, props) => mountStrict(container, <Chat {...props} />);
