/**
 * The simulator's answer to `/code`: one long answer with a fenced block in every language the
 * highlight room ships (and one it does not), so `npm start` shows highlighting offline.
 */

const fence = (language: string, code: string) => `\`\`\`${language}\n${code.trim()}\n\`\`\`\n\n`;

const BLOCKS: ReadonlyArray<readonly [title: string, language: string, code: string]> = [
  ['A typed fetch with a timeout, in TypeScript', 'ts', String.raw`
/** Fetches JSON, giving up after ms milliseconds. */
export async function fetchJson<T>(url: string, ms = 5_000): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return (await response.json()) as T;
  } finally {
    clearTimeout(timer);
  }
}

interface User { id: number; name: string; admin?: boolean }
const users = await fetchJson<User[]>('/api/users');
console.log(users.filter((user) => user.admin).map(({ name }) => name));
`],
  ['The same idea in Python', 'python', String.raw`
import json
from dataclasses import dataclass
from urllib.request import urlopen


@dataclass
class User:
    id: int
    name: str
    admin: bool = False


def fetch_users(url: str, timeout: float = 5.0) -> list[User]:
    """Fetches users; raises on a timeout or bad JSON."""
    with urlopen(url, timeout=timeout) as response:
        return [User(**item) for item in json.load(response)]


if __name__ == "__main__":
    admins = [user.name for user in fetch_users("https://example.com/users") if user.admin]
    print(f"{len(admins)} admins: {', '.join(admins)}")
`],
  ['Counting words in Rust', 'rust', String.raw`
use std::collections::HashMap;
use std::io::{self, Read};

fn main() -> io::Result<()> {
    let mut text = String::new();
    io::stdin().read_to_string(&mut text)?;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    let mut top: Vec<_> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1));
    for (word, count) in top.iter().take(10) {
        println!("{count:>5} {word}");
    }
    Ok(())
}
`],
  ['Running it from a shell', 'bash', String.raw`
#!/usr/bin/env bash
set -euo pipefail
# Build once, then count the words of every markdown file.
cargo build --release
for file in docs/*.md; do
  echo "== $file"
  ./target/release/wordcount < "$file" | head -n 3
done
export OPENROUTER_API_KEY="$(cat ~/.openrouter-key)" && npm start
`],
  ['A request body', 'json', String.raw`
{
  "model": "anthropic/claude-3.5-sonnet",
  "stream": true,
  "temperature": 0.2,
  "messages": [
    { "role": "system", "content": "You are terse." },
    { "role": "user", "content": "Hello" }
  ],
  "usage": { "include": true },
  "tools": null
}
`],
  ['A page that embeds the chat', 'html', String.raw`
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Support</title>
    <script type="module" src="/openrouter-chat.js"></script>
  </head>
  <body>
    <!-- The element talks to your proxy, never to OpenRouter directly. -->
    <openrouter-chat endpoint="/api/chat" model="openai/gpt-4o-mini" feedback></openrouter-chat>
  </body>
</html>
`],
  ['Its theme', 'css', String.raw`
openrouter-chat {
  --openrouter-chat-accent: #0f766e;
  --openrouter-chat-radius: 6px;
  --openrouter-chat-code-keyword: #b91c1c;
  height: min(80vh, 40rem);
}

@media (prefers-color-scheme: dark) {
  openrouter-chat::part(code-block) { border: 1px solid #334155; }
}
`],
  ['The usage report', 'sql', String.raw`
-- Tokens and cost per model over the last week.
SELECT model,
       COUNT(*) AS answers,
       SUM(prompt_tokens + completion_tokens) AS tokens,
       ROUND(SUM(cost), 4) AS cost_usd
FROM usage_log
WHERE created_at >= NOW() - INTERVAL '7 days'
GROUP BY model
HAVING COUNT(*) > 10
ORDER BY cost_usd DESC
LIMIT 20;
`],
  ['Deploying it', 'yaml', String.raw`
name: deploy
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
`],
  ['A small proxy in Go', 'go', String.raw`
package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	key := os.Getenv("OPENROUTER_API_KEY")
	http.HandleFunc("/api/chat", func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+key)
		w.WriteHeader(http.StatusNotImplemented)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
`],
  ['What changed', 'diff', String.raw`
--- a/src/chat.ts
+++ b/src/chat.ts
@@ -1,4 +1,4 @@
-const timeout = 1000;
+const timeout = 120_000;
 export function send(text: string) {
   return post(text, { timeout });
 }
`],
  ['A language the widget does not highlight stays plain', 'brainfuck', String.raw`
++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.
`],
];

/** The `/code` answer: a sentence, then each block under its heading. */
export function codeAnswer(): string {
  const sections = BLOCKS.map(([title, language, code]) => `### ${title}\n\n${fence(language, code)}`).join('');
  return (
    'Here is the same small task in many languages, highlighted as it streams: each line takes ' +
    'its colours once it is complete, and the copy button copies the source exactly.\n\n' +
    sections +
    'The colours come from `--openrouter-chat-code-*` custom properties, light and dark.'
  );
}
