/**
 * The start-up benchmark's floor: a plain Lit element that renders the least a chat shows
 * (an empty log, a text box and a send button) in shadow DOM with a small stylesheet. What any
 * Lit element costs from its script tag to its first frame, on the same page.
 */
import { css, html, LitElement } from 'lit';

class PlainChat extends LitElement {
  static override styles = css`
    :host { display: flex; flex-direction: column; height: 32rem; font: 15px system-ui, sans-serif; border: 1px solid #e5e7eb; border-radius: 12px; }
    .log { flex: 1; overflow: auto; padding: 1rem; }
    form { display: flex; gap: 0.5rem; padding: 1rem; border-top: 1px solid #e5e7eb; }
    textarea { flex: 1; font: inherit; resize: none; }
    button { font: inherit; padding: 0.5rem 1rem; border-radius: 8px; }
  `;

  override render() {
    return html`<div class="log" role="log" aria-label="Conversation"></div>
      <form @submit=${(event: Event) => event.preventDefault()}>
        <textarea aria-label="Message" rows="1"></textarea><button type="submit">Send</button>
      </form>`;
  }
}

customElements.define('plain-chat', PlainChat);
