/**
 * Reading a message's `content`, which is a string, a list of content parts (a user message
 * with attachments) or `null` (an assistant turn that only calls tools).
 *
 * @module
 */
import type { ChatMessage, ContentPart } from '../types.js';

/** The message's text: the string, or its text parts joined by blank lines. */
export function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('\n\n');
}

/** What a message without parts has: one shared empty list, since every render asks. */
export const NO_ATTACHMENTS: readonly ContentPart[] = [];

/** The message's attachments: every part that is not text (none for a string). */
export function attachmentsOf(content: ChatMessage['content']): readonly ContentPart[] {
  return Array.isArray(content) ? content.filter((part) => part.type !== 'text') : NO_ATTACHMENTS;
}

/** Whether two contents are the same: equal strings, or parts equal field by field. */
export function sameContent(a: ChatMessage['content'], b: ChatMessage['content']): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  // Parts are small plain objects (their data URLs long strings): JSON compares them exactly.
  return a.every((part, index) => part === b[index] || JSON.stringify(part) === JSON.stringify(b[index]));
}

/**
 * A user message's content from its text and attachments: the plain string when there are
 * no attachments (as before attachments existed), else a text part (if any text) first.
 */
export function userContent(text: string, attachments: readonly ContentPart[]): string | ContentPart[] {
  if (!attachments.length) return text;
  return text.trim() ? [{ type: 'text', text }, ...attachments] : [...attachments];
}

