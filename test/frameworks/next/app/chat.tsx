'use client';
// Next.js App Router: app/chat.tsx, a client component. Importing the package on the server
// (Next renders client components there too) defines nothing and touches no DOM.
import 'openrouter-chat';
import type {} from 'openrouter-chat/react'; // types <openrouter-chat> in JSX

export function Chat() {
  return <openrouter-chat endpoint="/api/chat" model="openrouter/auto" onopenrouter-chat-complete={(event) => console.log(event.detail.usage)} />;
}
