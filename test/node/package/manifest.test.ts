import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// The analyzer joins --outdir to the working directory, so it must be relative.
const SCRATCH = 'node_modules/.cache/openrouter-chat-manifest-check';

describe('custom-elements.json', () => {
  it('is what `npm run analyze` writes from the current source (run it after changing the element or its JSDoc)', async () => {
    await rm(join(ROOT, SCRATCH), { recursive: true, force: true });
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet', '--outdir', SCRATCH], {
      cwd: ROOT,
    });
    const fresh = await readFile(join(ROOT, SCRATCH, 'custom-elements.json'), 'utf8');
    const committed = await readFile(join(ROOT, 'custom-elements.json'), 'utf8');
    assert.ok(fresh === committed, 'custom-elements.json is stale: run `npm run analyze` and commit it');
  });

  it('describes the element completely: attributes, properties, methods, events, slots, parts, CSS properties', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'custom-elements.json'), 'utf8')) as Manifest;
    const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'openrouter-chat');
    assert.ok(element, 'the element is declared with its tag name');
    const names = (items: { name: string }[] | undefined) => (items ?? []).map((item) => item.name);
    const publicMembers = (kind: string) => names(element.members?.filter((member) => member.kind === kind && (member.privacy ?? 'public') === 'public'));
    assert.deepEqual(
      names(element.attributes).filter((name) => ['endpoint', 'model', 'system-prompt', 'temperature'].includes(name)),
      ['endpoint', 'model', 'system-prompt', 'temperature'],
    );
    for (const field of ['endpoint', 'model', 'systemPrompt', 'temperature', 'messages', 'status', 'tools']) assert.ok(publicMembers('field').includes(field), field);
    for (const attribute of ['accept', 'max-attachments', 'max-attachment-bytes']) assert.ok(names(element.attributes).includes(attribute), attribute);
    for (const attribute of ['tool-choice', 'max-tool-steps', 'tool-timeout-ms', 'web-search']) assert.ok(names(element.attributes).includes(attribute), attribute);
    for (const attribute of ['conversations', 'storage-key']) assert.ok(names(element.attributes).includes(attribute), attribute);
    for (const field of ['conversationId', 'store']) assert.ok(publicMembers('field').includes(field), field);
    for (const part of ['attach-button', 'attachment', 'attachment-remove', 'message-attachment', 'tool-call', 'tool-approve', 'tool-deny', 'sources', 'suggestion', 'feedback-button', 'conversation-list', 'new-chat-button', 'conversation-toggle']) {
      assert.ok(names(element.cssParts).includes(part), part);
    }
    for (const method of ['send', 'stop', 'clear', 'addAttachments']) assert.ok(publicMembers('method').includes(method), method);
    assert.deepEqual(
      (element.events ?? []).map((event) => [event.name, event.type?.text]).filter(([name]) => name !== undefined && name.startsWith('openrouter-chat-')).sort(),
      [
        ['openrouter-chat-abort', 'OpenRouterChatAbortEvent'],
        ['openrouter-chat-attachment', 'OpenRouterChatAttachmentEvent'],
        ['openrouter-chat-complete', 'OpenRouterChatCompleteEvent'],
        ['openrouter-chat-conversation', 'OpenRouterChatConversationEvent'],
        ['openrouter-chat-delta', 'OpenRouterChatDeltaEvent'],
        ['openrouter-chat-error', 'OpenRouterChatErrorEvent'],
        ['openrouter-chat-feedback', 'OpenRouterChatFeedbackEvent'],
        ['openrouter-chat-send', 'OpenRouterChatSendEvent'],
        ['openrouter-chat-tool-call', 'OpenRouterChatToolCallEvent'],
        ['openrouter-chat-tool-result', 'OpenRouterChatToolResultEvent'],
      ],
    );
    for (const event of element.events ?? []) assert.match(event.description ?? '', /detail: \{/, `${event.name} documents its detail`);
    assert.ok(names(element.slots).includes('header') && names(element.slots).includes('empty'));
    assert.ok((element.cssParts ?? []).length >= 5, 'parts');
    const cssProperties = element.cssProperties ?? [];
    assert.ok(cssProperties.length >= 5 && cssProperties.every((property) => property.name.startsWith('--openrouter-chat-') && property.default), 'CSS properties with defaults');
    // Private Lit state (`{ state: true }`) is no attribute.
    assert.ok(element.attributes?.every((attribute) => !element.members?.some((member) => member.name === attribute.fieldName && member.privacy === 'private')));
  });
});

interface Named {
  name: string;
  description?: string;
}
interface Manifest {
  modules: {
    declarations?: (Named & {
      tagName?: string;
      attributes?: (Named & { fieldName?: string })[];
      members?: (Named & { kind: string; privacy?: string })[];
      events?: (Named & { type?: { text: string } })[];
      slots?: Named[];
      cssParts?: Named[];
      cssProperties?: (Named & { default?: string })[];
    })[];
  }[];
}
