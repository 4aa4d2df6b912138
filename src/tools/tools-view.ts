/**
 * The templates of tool calls and sources: each call as a compact block in its answer (name,
 * status, and, expanded, its arguments and result), the Approve and Deny buttons of a call
 * that needs approval, the note where the tool loop stopped, and the numbered sources of a
 * web search. Everything the model wrote is a text binding: arguments and results are
 * shown as text, never parsed as HTML, and a source is a link only when it is http(s).
 *
 * @module
 */
import type { ChatEntry, ToolCallEntry, ToolCallStatus } from '../chat/chat-controller.js';
import type { Citation } from '../types.js';
import type { RoomKit } from '../rooms/room-kit.js';
import { DENIED_RESULT } from './tool-runner.js';
import type { ToolStrings } from './tool-strings.js';

/** What the tools' templates need from the element. */
export interface ToolViewContext {
  readonly strings: ToolStrings;
  /** Approve (`true`) or Deny a call waiting for the user. */
  readonly onDecide: (id: string, approved: boolean) => void;
}

/** The tools' templates, made with the element's own Lit (see `RoomKit`). */
export function toolViews({ html, nothing }: RoomKit) {
  /** Under an answer's text: its calls, the loop's stop note, its sources. */
  function renderAnswerTools(entry: ChatEntry, context: ToolViewContext) {
    const { strings } = context;
    return html`${entry.toolCalls.length
        ? html`<ul class="tool-calls">
            ${entry.toolCalls.map((tool) => renderCall(tool, context))}
          </ul>`
        : nothing}
      ${entry.toolLimit ? html`<p part="tool-note" class="tool-note">${strings.toolLimit(entry.toolLimit)}</p>` : nothing}
      ${entry.citations.length ? renderSources(entry.citations, strings) : nothing}`;
  }

  function renderCall({ call, result, status = restoredStatus(result), problem, server }: ToolCallEntry, { strings, onDecide }: ToolViewContext) {
    const name = call.function.name;
    const where = server ? ` · ${strings.toolOnServer}` : '';
    return html`<li part="tool-call" class="tool-call" data-status=${status}>
      <details>
        <summary><span class="tool-name">${name}</span> <span class="tool-status">${strings.toolStatus(status)}${where}</span></summary>
        <div class="tool-detail">
          <span class="tool-label">${strings.toolArguments}</span>
          <pre>${call.function.arguments}</pre>
          ${result === undefined ? nothing : html`<span class="tool-label">${strings.toolResult}</span><pre>${result}</pre>`}
        </div>
      </details>
      ${problem
        ? html`<p part="tool-note" class="tool-note">${problem === 'unknown-tool' ? strings.toolUnknown(name) : strings.toolBadArguments}</p>`
        : nothing}
      ${status === 'awaiting-approval'
        ? html`<div class="tool-approval" role="group" aria-label=${name}>
            <button part="tool-approve" class="tool-button approve" type="button" data-approve=${call.id} @click=${() => onDecide(call.id, true)}>
              ${strings.toolApprove}
            </button>
            <button part="tool-deny" class="tool-button" type="button" @click=${() => onDecide(call.id, false)}>${strings.toolDeny}</button>
          </div>`
        : nothing}
    </li>`;
  }

  function renderSources(citations: readonly Citation[], strings: ToolStrings) {
    return html`<nav part="sources" class="sources" aria-label=${strings.sources}>
      <span class="tool-label">${strings.sources}</span>
      <ol>
        ${citations.map(({ url, title }) => {
          const href = webUrl(url);
          const label = title?.trim() || url;
          return html`<li>${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}</a>` : label}</li>`;
        })}
      </ol>
    </nav>`;
  }

  return { renderAnswerTools };
}

/**
 * How a call of a restored conversation went, from its result: the chat's failures are
 * `{"error": ...}`, a denial has its own, and a call without a result was cut short.
 */
function restoredStatus(result: string | undefined): ToolCallStatus {
  if (result === DENIED_RESULT) return 'denied';
  return result === undefined || result.startsWith('{"error":') ? 'error' : 'done';
}

/** The URL when it is http(s); `javascript:`, `data:` and anything unparsable are shown as text only. */
function webUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
