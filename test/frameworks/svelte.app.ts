/** Svelte 5: the compiled `Chat.svelte`, mounted with its props. */
import { mount as mountComponent, unmount } from 'svelte';
import Chat from './Chat.svelte';
import type { MountChatApp } from './contract.js';

export const mount: MountChatApp = async (container, props) => {
  const component = mountComponent(Chat, { target: container, props });
  return () => void unmount(component);
};
