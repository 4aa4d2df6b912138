/**
 * Vue 3: `isCustomElement` tells Vue's template compiler that `<openrouter-chat>` is no Vue
 * component. Vue then sets `:messages`, `:models` and `:temperature` as properties (the element has
 * them) and `@openrouter-chat-delta` adds an event listener.
 */
import { createApp, ref } from 'vue';
import 'openrouter-chat';
import type { OpenRouterChatCompleteEvent, OpenRouterChatDeltaEvent } from 'openrouter-chat';
import type { MountChatApp } from './contract.js';

export const mount: MountChatApp = async (container, props) => {
  const app = createApp({
    setup() {
      const answer = ref('');
      const deltas = ref(0);
      const complete = ref('');
      return {
        ...props,
        answer,
        deltas,
        complete,
        onDelta(event: OpenRouterChatDeltaEvent) {
          answer.value = event.detail.text;
          deltas.value += 1;
        },
        onComplete(event: OpenRouterChatCompleteEvent) {
          complete.value = event.detail.message.content;
        },
      };
    },
    template: `
      <openrouter-chat
        :endpoint="endpoint"
        :messages="history"
        :models="models"
        :temperature="temperature"
        @openrouter-chat-delta="onDelta"
        @openrouter-chat-complete="onComplete"
      ></openrouter-chat>
      <output data-test="answer">{{ answer }}</output>
      <output data-test="deltas">{{ deltas }}</output>
      <output data-test="complete">{{ complete }}</output>
    `,
  });
  app.config.compilerOptions.isCustomElement = (tag) => tag === 'openrouter-chat';
  app.mount(container);
  return () => app.unmount();
};
