/**
 * Two small page tools for the demo, offered when the "Page tools" box is ticked: one that
 * runs at once (the visitor's local time) and one that asks first (switching the chat's
 * colour scheme). With the simulator, every message then gets a tool call first.
 */
import type { ChatTool, OpenRouterChat } from '../src/index.js';

const chat = document.querySelector<OpenRouterChat>('openrouter-chat')!;
// Only on the simulated page; live, the demo offers no page tools.
const toggle = document.querySelector<HTMLInputElement>('#page-tools');

const tools: ChatTool[] = [
  {
    name: 'get_local_time',
    description: "The visitor's local date, time and time zone.",
    parameters: { type: 'object', properties: {} },
    execute: () => ({
      time: new Date().toLocaleString(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
  },
  {
    name: 'set_theme',
    description: "Switches the chat's colour scheme.",
    parameters: {
      type: 'object',
      properties: { theme: { type: 'string', enum: ['light', 'dark', 'auto'] } },
      required: ['theme'],
    },
    needsApproval: true,
    execute: ({ theme }) => {
      if (theme !== 'light' && theme !== 'dark' && theme !== 'auto') throw new Error(`Unknown theme ${String(theme)}`);
      chat.theme = theme;
      return { theme };
    },
  },
];

const apply = () => (chat.tools = toggle?.checked ? tools : []);
toggle?.addEventListener('change', apply);
apply();

// The simulated OpenRouter draws an image for `/image` when asked for images; real models
// only take `modalities` when they generate images, so the live page leaves it off.
if (document.querySelector('.note-simulated')) chat.imageOutput = true;
