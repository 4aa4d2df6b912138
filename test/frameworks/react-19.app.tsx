/**
 * React 19: `<openrouter-chat>` as is. React 19 sets `messages`, `models` and
 * `temperature` as properties (the element has them) and adds `on<event-name>` props as event listeners.
 */
import 'openrouter-chat';
import type {} from 'openrouter-chat/react'; // types <openrouter-chat> in JSX
import type { ChatAppProps, MountChatApp } from './contract.js';
import { mountStrict, useChatLog } from './react-shared.js';

function Chat({ endpoint, history, models, temperature }: ChatAppProps) {
  const log = useChatLog();
  return (
    <>
      <openrouter-chat
        endpoint={endpoint}
        messages={history}
        models={models}
        temperature={temperature}
        onopenrouter-chat-delta={log.onDelta}
        onopenrouter-chat-complete={log.onComplete}
      />
      {log.outputs}
    </>
  );
}

export const mount: MountChatApp = async (container, props) => mountStrict(container, <Chat {...props} />);
