/**
 * Strict Content Security Policy: the shipped bundles (`dist/openrouter-chat.bundle.js` as a
 * module, `dist/openrouter-chat.iife.js` as a classic script) work under
 * `default-src 'self'; script-src 'self'; style-src 'self'`, with and without Trusted Types,
 * and Chromium reports no violation while the page loads, streams a markdown answer (rendered
 * by the markdown room, loaded from its own file, its stylesheet adopted) with a table, code
 * (highlighted by the highlight room and its grammar, each loaded from its own file) and a
 * link, copies, opens the launcher and shows an error.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '../../../src/server/node.js';
import { defaultChatStrings as strings } from '../../../src/strings.js';
import { DEMO_CONTENT_SECURITY_POLICY, startDemoServer } from '../../../demo/demo-server.js';
import { launchChromium, type Browser, type Page } from '../helpers/chromium.js';
import { contentFrame, faultyUpstream, NORMAL_FRAMES, RETRY_AFTER_SECONDS, startStream, upstreamFaults } from '../helpers/faulty-upstream.js';
import { nodeProxy, startUpstream, TEST_API_KEY, type TestUpstream } from '../helpers/servers.js';
import { CHAT_PATH, serveSite, type SiteFile } from '../helpers/widget-page.js';
import { simulatedImage } from '../../../src/server/simulator-rich.js';

/** The strict policy of issue 7: nothing inline, nothing evaluated, nothing from elsewhere. */
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
/**
 * The same with Trusted Types enforced. Lit makes its one policy, `lit-html`, for the
 * template strings written in our source; no other policy is allowed.
 */
const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types lit-html`;
/** What docs/security.md says attachments add: their thumbnails, and the image step's worker. */
const ATTACHMENTS_CSP = `${STRICT_CSP}; img-src 'self' blob: data:; worker-src blob:`;
/** Rich answers: generated images are data URLs (docs/security.md), with Trusted Types enforced. */
const RICH_CSP = `${STRICT_CSP}; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types lit-html`;
const MATH_ANSWER = 'Euler: $e^{i\\pi}+1=0$ and\n\n$$\\int_0^1 x\\,dx = \\frac{1}{2}$$\n\nbroken $\\frac{1$ and $\\href{javascript:alert(1)}{x}$ done.';

/** An answer with every block the renderer has, in small pieces. */
const MARKDOWN = [
  'Here is **bold**, `inline code` and a [link](https://example.com/docs).',
  '',
  '| Name | Value |',
  '| --- | --- |',
  '| a | 1 |',
  '',
  '```js',
  'console.log("hi"); // <img src=x onerror=alert(1)>',
  '```',
  '',
  '- one',
  '- two',
  '',
].join('\n');

const { faults } = upstreamFaults(100);
const upstreamAnswers = faultyUpstream({
  'status 429': faults['status 429']!,
  // A tool call first; the page's tool returns "tool result", which (as the last message of the
  // next request) gets the normal answer.
  'tool please': (response) => {
    startStream(response);
    const call = { index: 0, id: 'call_csp', type: 'function', function: { name: 'page_tool', arguments: '{"q":"<img src=x onerror=alert(1)>"}' } };
    response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: [call] } }] })}\n\n`);
    response.end(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] })}\n\ndata: [DONE]\n\n`);
  },
  'math and image please': (response) => {
    startStream(response);
    response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: '', images: [simulatedImage()] } }] })}\n\n`);
    for (let at = 0; at < MATH_ANSWER.length; at += 5) response.write(contentFrame(MATH_ANSWER.slice(at, at + 5)));
    response.end(NORMAL_FRAMES.slice(-2).join(''));
  },
  'markdown please': (response) => {
    startStream(response);
    for (let at = 0; at < MARKDOWN.length; at += 7) response.write(contentFrame(MARKDOWN.slice(at, at + 7)));
    response.end(NORMAL_FRAMES.slice(-2).join(''));
  },
});

/** Page source shared by the page scripts below: waits for `predicate`, at most 10 s. */
const UNTIL = `const until = async (predicate, what) => {
    for (let waited = 0; !predicate(); waited += 20) {
      if (waited > 10000) throw new Error('timed out waiting for ' + what);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };`;

/** Loaded first on every page: collects violations before anything else can cause one. */
const RECORDER: SiteFile = {
  type: 'text/javascript',
  body: `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push([event.effectiveDirective, event.blockedURI, event.sourceFile + ':' + event.lineNumber, event.sample].join(' '));
}, true);`,
};

function page(policy: string, script: string): SiteFile {
  return {
    type: 'text/html',
    headers: { 'content-security-policy': policy },
    body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CSP</title>
<script src="/record-violations.js"></script>
${script}
</head><body>
<openrouter-chat id="inline" endpoint="${CHAT_PATH}"></openrouter-chat>
<openrouter-chat id="launcher" variant="launcher" endpoint="${CHAT_PATH}"></openrouter-chat>
</body></html>`,
  };
}

/**
 * Runs in the page: everything a reader does (asking `question`, opening the launcher when
 * the page has one, asking `failing`), then what the page saw. Source text, because tsx's
 * compiled functions reference helpers that exist only in Node.
 */
const EXERCISE = `async (question, failing) => {
  ${UNTIL}
  // Not whenDefined: a bundle refused by the policy never defines the element.
  await until(() => customElements.get('openrouter-chat'), 'the element to be defined');
  const chat = document.querySelector('openrouter-chat');
  const root = chat.shadowRoot;
  await chat.send(question);
  await until(() => root.querySelector('.message.assistant table') && root.querySelector('[part~="copy-answer-button"]'), 'the rendered answer');
  // The last answer: on the demo, a server tool's step comes before it.
  const answer = [...root.querySelectorAll('.message.assistant')].at(-1);
  // Its code highlighted by the highlight room, loaded from its own file.
  await until(() => answer.querySelector('pre code .hl-string'), 'the highlighted code');
  const rendered = {
    table: answer.querySelectorAll('td').length,
    code: answer.querySelector('pre code')?.textContent ?? '',
    highlighted: [...answer.querySelectorAll('pre code [class^="hl-"]')].map((span) => span.className).includes('hl-comment'),
    images: answer.querySelectorAll('pre img').length,
    link: answer.querySelector('a[href]')?.getAttribute('href') ?? '',
    bold: answer.querySelector('strong')?.textContent ?? '',
  };
  answer.querySelector('[part~="copy-button"]').click();
  root.querySelector('[part~="copy-answer-button"]').click();
  const launcher = document.querySelector('openrouter-chat[variant="launcher"]');
  launcher?.shadowRoot.querySelector('[part~="launcher-button"]').click();
  await launcher?.updateComplete;
  const panel = launcher?.shadowRoot.querySelector('[part~="panel"]');
  const error = await chat.send(failing).then(() => '', () => 'rejected');
  await chat.updateComplete;
  // Give copy feedback timers and late renders their turn before counting.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    rendered,
    error,
    alert: root.querySelector('[role="alert"]').textContent.trim(),
    panelShown: panel ? !panel.hidden && getComputedStyle(panel).display !== 'none' : null,
    // Lit's adopted stylesheets applied: the user's bubble has the accent colour, not none.
    userBubble: getComputedStyle(root.querySelector('.message.user')).backgroundColor,
    // The markdown room's stylesheet, adopted from its own file: answers wrap anywhere.
    answerWrap: getComputedStyle(answer.querySelector('.markdown')).overflowWrap,
    violations: window.cspViolations,
  };
}`;

/**
 * Runs in the page: picks a photo in the attach button's input, sends it, and reports what
 * the tray and the log showed (image sizes as decoded, so a refused image shows as 0).
 */
const ATTACH = `async () => {
  ${UNTIL}
  await until(() => customElements.get('openrouter-chat'), 'the element to be defined');
  const chat = document.querySelector('openrouter-chat');
  chat.setAttribute('accept', 'image/*');
  const root = chat.shadowRoot;
  await until(() => root.querySelector('input[type=file]'), 'the attachments room');
  const canvas = Object.assign(document.createElement('canvas'), { width: 2400, height: 1200 });
  canvas.getContext('2d').fillRect(0, 0, 100, 100);
  const photo = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg'));
  const transfer = new DataTransfer();
  transfer.items.add(new File([photo], 'photo.jpg', { type: 'image/jpeg' }));
  const input = root.querySelector('input[type=file]');
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await until(() => root.querySelector('[part~="attachment"][aria-busy="false"] img'), 'the ready chip');
  const chipImage = root.querySelector('[part~="attachment"] img');
  await chipImage.decode().catch(() => {});
  const sent = new Promise((resolve) => chat.addEventListener('openrouter-chat-send', (event) => resolve(event.detail.messages.at(-1).content), { once: true }));
  root.querySelector('textarea').value = 'What is this?';
  root.querySelector('form').requestSubmit();
  const content = await sent;
  await until(() => root.querySelector('[part~="message-attachment"] img'), 'the thumbnail in the log');
  const logImage = root.querySelector('[part~="message-attachment"] img');
  await logImage.decode().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    parts: content.map((part) => part.type),
    chipWidth: chipImage.naturalWidth,
    logWidth: logImage.naturalWidth,
    violations: window.cspViolations,
  };
}`;

/** Runs in the page: a page tool that needs approval, approved, its block and the answer after it. */
const USE_TOOL = `async () => {
  ${UNTIL}
  await until(() => customElements.get('openrouter-chat'), 'the element to be defined');
  const chat = document.querySelector('openrouter-chat');
  const root = chat.shadowRoot;
  chat.tools = [{ name: 'page_tool', needsApproval: true, parameters: { type: 'object', properties: {} }, execute: () => 'tool result' }];
  const sent = chat.send('tool please');
  await until(() => root.querySelector('[part~="tool-approve"]'), 'the approval buttons');
  root.querySelector('[part~="tool-approve"]').click();
  await sent;
  await chat.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const block = root.querySelector('[part~="tool-call"]');
  return {
    status: block?.dataset.status,
    images: block?.querySelectorAll('img').length ?? -1,
    answer: chat.messages.at(-1).content,
    violations: window.cspViolations,
  };
}`;

/** The conversation list: save to IndexedDB, rename to markup, New chat, switch back. */
const USE_CONVERSATIONS = `async () => {
  ${UNTIL}
  await until(() => customElements.get('openrouter-chat'), 'the element to be defined');
  const chat = document.querySelector('openrouter-chat');
  const root = chat.shadowRoot;
  chat.setAttribute('storage-key', 'csp-' + Math.random());
  chat.toggleAttribute('conversations', true);
  await until(() => root.querySelector('[part~="conversation-list"]'), 'the list');
  await chat.send('markdown please');
  await until(() => root.querySelector('.conversation-switch'), 'the listed conversation');
  const first = chat.conversationId;
  root.querySelector('[data-rename]').click();
  await until(() => root.querySelector('.conversation-title-field'), 'the title field');
  const field = root.querySelector('.conversation-title-field');
  field.value = '<img src=x onerror=alert(1)>';
  field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  root.querySelector('[part~="new-chat-button"]').click();
  await until(() => chat.conversationId !== first, 'a new conversation');
  await until(() => root.querySelector('.conversation-switch'), 'the list again');
  root.querySelector('.conversation-switch').click();
  await until(() => chat.conversationId === first && chat.messages.length === 2, 'the switch back');
  return {
    title: root.querySelector('.conversation-switch').textContent.trim(),
    images: root.querySelectorAll('.conversations img').length,
    violations: window.cspViolations,
  };
}`;

/** The catalog the site's proxy gets from upstream: one name tries to be markup. */
const UPSTREAM_CATALOG = JSON.stringify({
  data: [
    { id: 'test/vision', name: 'Vision <img src=x onerror=alert(1)>', context_length: 8192, pricing: { prompt: '0.000001', completion: '0.000002' }, architecture: { input_modalities: ['text', 'image'] }, supported_parameters: ['tools'] },
    { id: 'test/text', name: 'Text only', context_length: 8192, pricing: { prompt: '0', completion: '0' } },
  ],
});

/** Runs in the page: the catalog's picker, opened and used by keyboard. */
const USE_CATALOG = `async () => {
  ${UNTIL}
  await until(() => customElements.get('openrouter-chat'), 'the element to be defined');
  const chat = document.querySelector('openrouter-chat');
  const root = chat.shadowRoot;
  chat.models = ['test/vision', 'test/text'];
  chat.model = 'test/vision';
  await until(() => root.querySelector('input[role="combobox"]'), 'the catalog picker');
  const input = root.querySelector('input[role="combobox"]');
  input.click();
  await chat.updateComplete;
  const names = [...root.querySelectorAll('[role="option"] .model-name')].map((name) => name.textContent);
  const images = root.querySelectorAll('[role="option"] img').length;
  const key = (key) => input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
  key('ArrowDown');
  key('Enter');
  await chat.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { names, images, model: chat.model, violations: window.cspViolations };
}`;

/** Runs in the page: an answer with formulas and a generated image, and what showed. */
const RICH = `async () => {
  ${UNTIL}
  await until(() => customElements.get('openrouter-chat'), 'the element to be defined');
  const chat = document.querySelector('openrouter-chat');
  chat.imageOutput = true;
  const root = chat.shadowRoot;
  await chat.send('math and image please');
  await until(() => root.querySelectorAll('.message.assistant math').length === 2 && root.querySelector('[part~="generated-image"] img'), 'the formulas and the image');
  const image = root.querySelector('[part~="generated-image"] img');
  await image.decode().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    formulas: root.querySelectorAll('.message.assistant math').length,
    broken: [...root.querySelectorAll('.math-error')].map((code) => code.textContent),
    imageWidth: image.naturalWidth,
    violations: window.cspViolations,
  };
}`;

interface Exercised {
  rendered: { table: number; code: string; highlighted: boolean; images: number; link: string; bold: string };
  error: string;
  alert: string;
  /** Whether the launcher's panel opened; null on a page without a launcher. */
  panelShown: boolean | null;
  userBubble: string;
  answerWrap: string;
  violations: string[];
}

/** Runs {@link EXERCISE} and asserts that neither the page nor the console saw a violation. */
async function exercise(tab: Page, question: string, failing: string, consoleProblems: string[]): Promise<Exercised> {
  const seen = (await tab.evaluate(`(${EXERCISE})(${JSON.stringify(question)}, ${JSON.stringify(failing)})`)) as Exercised;
  violationsCounted += seen.violations.length + consoleProblems.length;
  assert.deepEqual(seen.violations, []);
  assert.deepEqual(consoleProblems, []);
  return seen;
}

/** A new tab that collects the console's CSP and Trusted Types complaints and page errors. */
async function watchedTab(): Promise<{ tab: Page; consoleProblems: string[] }> {
  const tab = await browser.newPage();
  const consoleProblems: string[] = [];
  tab.on('console', (message) => {
    if (/security policy|trusted type/i.test(message.text())) consoleProblems.push(message.text());
  });
  tab.on('pageerror', (error) => consoleProblems.push(String(error)));
  return { tab, consoleProblems };
}

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));
let upstream: TestUpstream;
let site: RunningServer;
let browser: Browser;
let violationsCounted = 0;

before(async () => {
  assert.ok(existsSync(`${DIST}openrouter-chat.iife.js`), 'no dist/: run `npm run build` first (npm test does)');
  const built = (name: string): SiteFile => ({ type: 'text/javascript', body: readFileSync(`${DIST}${name}`, 'utf8') });
  upstream = await startUpstream((response, recorded, request) => {
    if (recorded.url.endsWith('/models')) response.writeHead(200, { 'content-type': 'application/json' }).end(UPSTREAM_CATALOG);
    else upstreamAnswers(response, recorded, request);
  });
  site = await serveSite(
    {
      '/record-violations.js': RECORDER,
      '/openrouter-chat.bundle.js': built('openrouter-chat.bundle.js'),
      '/openrouter-chat.iife.js': built('openrouter-chat.iife.js'),
      '/bundle-strict.html': page(STRICT_CSP, '<script type="module" src="/openrouter-chat.bundle.js"></script>'),
      '/iife-strict.html': page(STRICT_CSP, '<script src="/openrouter-chat.iife.js"></script>'),
      '/bundle-trusted-types.html': page(TRUSTED_TYPES_CSP, '<script type="module" src="/openrouter-chat.bundle.js"></script>'),
      '/openrouter-chat-math.js': built('openrouter-chat-math.js'),
      '/openrouter-chat-images.js': built('openrouter-chat-images.js'),
      '/bundle-rich.html': page(RICH_CSP, '<script type="module" src="/openrouter-chat.bundle.js"></script>'),
      '/iife-rich.html': page(RICH_CSP, '<script src="/openrouter-chat.iife.js"></script>'),
      '/iife-trusted-types.html': page(TRUSTED_TYPES_CSP, '<script src="/openrouter-chat.iife.js"></script>'),
      '/openrouter-chat-attachments.js': built('openrouter-chat-attachments.js'),
      '/openrouter-chat-tools.js': built('openrouter-chat-tools.js'),
      '/openrouter-chat-http-error.js': built('openrouter-chat-http-error.js'),
      '/openrouter-chat-catalog.js': built('openrouter-chat-catalog.js'),
      '/openrouter-chat-conversations.js': built('openrouter-chat-conversations.js'),
      '/openrouter-chat-highlight.js': built('openrouter-chat-highlight.js'),
      '/openrouter-chat-markdown.js': built('openrouter-chat-markdown.js'),
      // The highlight room's grammars, each loaded from its own file by its first block.
      ...Object.fromEntries(readdirSync(DIST).filter((file) => file.startsWith('openrouter-chat-grammar-')).map((file) => [`/${file}`, built(file)])),
      '/bundle-attachments.html': page(ATTACHMENTS_CSP, '<script type="module" src="/openrouter-chat.bundle.js"></script>'),
      '/iife-attachments.html': page(ATTACHMENTS_CSP, '<script src="/openrouter-chat.iife.js"></script>'),
    },
    nodeProxy({ apiKey: TEST_API_KEY, baseUrl: upstream.url, rateLimit: false }),
  );
  browser = await launchChromium();
});
after(async () => {
  console.log(`CSP violations counted across the strict pages: ${violationsCounted}`);
  await browser?.close();
  await site?.close();
  await upstream?.close();
});

describe('the shipped bundles under a strict CSP', { timeout: 90_000 }, () => {
  for (const name of ['bundle-strict', 'iife-strict', 'bundle-trusted-types', 'iife-trusted-types']) {
    it(`${name}: loads, streams markdown, copies, opens the launcher and shows an error, with no violation`, async () => {
      const { tab, consoleProblems } = await watchedTab();
      try {
        const response = await tab.goto(`${site.url}/${name}.html`, { waitUntil: 'load' });
        assert.ok(response?.headers()['content-security-policy']?.startsWith(STRICT_CSP));
        const seen = await exercise(tab, 'markdown please', 'status 429', consoleProblems);
        assert.deepEqual(seen.rendered, {
          table: 2,
          code: 'console.log("hi"); // <img src=x onerror=alert(1)>',
          highlighted: true,
          images: 0,
          link: 'https://example.com/docs',
          bold: 'bold',
        });
        assert.equal(seen.error, 'rejected');
        assert.equal(seen.alert, strings.errorRateLimited(RETRY_AFTER_SECONDS));
        assert.equal(seen.panelShown, true);
        assert.notEqual(seen.userBubble, 'rgba(0, 0, 0, 0)');
        assert.equal(seen.answerWrap, 'anywhere');
      } finally {
        await tab.close();
      }
    });
  }
});

describe('attachments under the strict CSP with the additions docs/security.md names', { timeout: 90_000 }, () => {
  for (const name of ['bundle-attachments', 'iife-attachments']) {
    it(`${name}: loads the attachments file, prepares and sends a photo, shows its thumbnails, with no violation`, async () => {
      const { tab, consoleProblems } = await watchedTab();
      try {
        await tab.goto(`${site.url}/${name}.html`, { waitUntil: 'load' });
        const seen = (await tab.evaluate(`(${ATTACH})()`)) as { parts: string[]; chipWidth: number; logWidth: number; violations: string[] };
        violationsCounted += seen.violations.length + consoleProblems.length;
        assert.deepEqual(seen.violations, []);
        assert.deepEqual(consoleProblems, []);
        assert.deepEqual(seen.parts, ['text', 'image_url']);
        // Scaled to 2048 px wide, and shown: a thumbnail the policy refused decodes to 0.
        assert.equal(seen.chipWidth, 2048);
        assert.equal(seen.logWidth, 2048);
      } finally {
        await tab.close();
      }
    });
  }
});

describe('tools under the strict CSP with Trusted Types', { timeout: 90_000 }, () => {
  for (const name of ['bundle-trusted-types', 'iife-trusted-types']) {
    it(`${name}: loads the tools file, asks for approval, runs the tool and answers, with no violation`, async () => {
      const { tab, consoleProblems } = await watchedTab();
      try {
        await tab.goto(`${site.url}/${name}.html`, { waitUntil: 'load' });
        const seen = (await tab.evaluate(`(${USE_TOOL})()`)) as { status: string; images: number; answer: string; violations: string[] };
        violationsCounted += seen.violations.length + consoleProblems.length;
        assert.deepEqual(seen.violations, []);
        assert.deepEqual(consoleProblems, []);
        assert.equal(seen.status, 'done');
        assert.equal(seen.images, 0, 'the arguments are text');
        assert.equal(seen.answer, 'Hello world');
      } finally {
        await tab.close();
      }
    });
  }
});

describe('conversations under the strict CSP with Trusted Types', { timeout: 90_000 }, () => {
  for (const name of ['bundle-trusted-types', 'iife-trusted-types']) {
    it(`${name}: loads the conversations file, saves, renames to markup, makes and switches conversations, with no violation`, async () => {
      const { tab, consoleProblems } = await watchedTab();
      try {
        await tab.goto(`${site.url}/${name}.html`, { waitUntil: 'load' });
        const seen = (await tab.evaluate(`(${USE_CONVERSATIONS})()`)) as { title: string; images: number; violations: string[] };
        violationsCounted += seen.violations.length + consoleProblems.length;
        assert.deepEqual(seen.violations, []);
        assert.deepEqual(consoleProblems, []);
        assert.equal(seen.title, '<img src=x onerror=alert(1)>');
        assert.equal(seen.images, 0, 'the title is text');
      } finally {
        await tab.close();
      }
    });
  }
});

describe('the model catalog under the strict CSP with Trusted Types', { timeout: 90_000 }, () => {
  for (const name of ['bundle-trusted-types', 'iife-trusted-types']) {
    it(`${name}: loads the catalog file, shows the picker with a hostile name as text, chooses by keyboard, with no violation`, async () => {
      const { tab, consoleProblems } = await watchedTab();
      try {
        await tab.goto(`${site.url}/${name}.html`, { waitUntil: 'load' });
        const seen = (await tab.evaluate(`(${USE_CATALOG})()`)) as { names: string[]; images: number; model: string; violations: string[] };
        violationsCounted += seen.violations.length + consoleProblems.length;
        assert.deepEqual(seen.violations, []);
        assert.deepEqual(consoleProblems, []);
        assert.deepEqual(seen.names, ['Vision <img src=x onerror=alert(1)>', 'Text only']);
        assert.equal(seen.images, 0, 'the name is text');
        assert.equal(seen.model, 'test/text');
      } finally {
        await tab.close();
      }
    });
  }
});

describe('math and a generated image under the strict CSP with Trusted Types', { timeout: 90_000 }, () => {
  for (const name of ['bundle-rich', 'iife-rich']) {
    it(`${name}: loads the math and images files, typesets, shows broken TeX as source and the image, with no violation`, async () => {
      const { tab, consoleProblems } = await watchedTab();
      try {
        await tab.goto(`${site.url}/${name}.html`, { waitUntil: 'load' });
        const seen = (await tab.evaluate(`(${RICH})()`)) as { formulas: number; broken: string[]; imageWidth: number; violations: string[] };
        violationsCounted += seen.violations.length + consoleProblems.length;
        assert.deepEqual(seen.violations, []);
        assert.deepEqual(consoleProblems, []);
        assert.equal(seen.formulas, 2);
        assert.deepEqual(seen.broken, ['$\\frac{1$', '$\\href{javascript:alert(1)}{x}$']);
        assert.equal(seen.imageWidth, 16);
      } finally {
        await tab.close();
      }
    });
  }
});

describe('the npm start demo (Vite dev server) sends the strict CSP and works under it', { timeout: 60_000 }, () => {
  it('loads, streams the simulated markdown answer, copies and shows an error, with no violation', async () => {
    assert.equal(DEMO_CONTENT_SECURITY_POLICY, `${STRICT_CSP}; img-src 'self' blob: data:; worker-src blob:`);
    const demo = await startDemoServer({ port: 0, env: {}, simulator: { chunkDelayMs: 0, firstTokenDelayMs: 0 } });
    const { tab, consoleProblems } = await watchedTab();
    try {
      // No script of ours on the demo page: the recorder comes through DevTools instead.
      await tab.evaluateOnNewDocument(RECORDER.body);
      const response = await tab.goto(demo.url, { waitUntil: 'load' });
      assert.equal(response?.headers()['content-security-policy'], DEMO_CONTENT_SECURITY_POLICY);
      const seen = await exercise(tab, 'Hello from a strict page', '/error 429', consoleProblems);
      assert.ok(seen.rendered.table > 0 && seen.rendered.code.length > 0, JSON.stringify(seen.rendered));
      assert.equal(seen.error, 'rejected');
      assert.match(seen.alert, /Too many requests/);
      assert.notEqual(seen.userBubble, 'rgba(0, 0, 0, 0)');
    } finally {
      await tab.close();
      await demo.close();
    }
  });
});
