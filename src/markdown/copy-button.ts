/**
 * A button that copies text to the clipboard and says so for a moment.
 *
 * It only ever uses `navigator.clipboard.writeText`: the old fallback (select a hidden
 * textarea, `execCommand('copy')`) moves focus and can scroll the log, which is exactly what a
 * reader in the middle of a streaming answer must not suffer.
 *
 * @module
 */

/** The visible labels of a copy button; each is its whole accessible name. */
export interface CopyButtonStrings {
  /** The resting label, e.g. "Copy". */
  copy: string;
  /** Shown for a moment after a successful copy. */
  copied: string;
  /** Shown for a moment when the clipboard refused (no permission, insecure page). */
  copyFailed: string;
}

/** The English labels, used where no others are given. */
export const DEFAULT_COPY_BUTTON_STRINGS: Readonly<CopyButtonStrings> = {
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
};

/** How long "Copied" (or the failure) stays before the label returns to "Copy". */
const FEEDBACK_MS = 1500;

/**
 * A `type="button"` element with `part="copy-button"` that copies what `textToCopy` returns
 * at the moment of the click (so a block still streaming copies what it holds by then).
 */
export function createCopyButton(strings: CopyButtonStrings, textToCopy: () => string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.setAttribute('part', 'copy-button');
  button.textContent = strings.copy;
  let restoreLabel: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    let copied = true;
    try {
      await navigator.clipboard.writeText(textToCopy());
    } catch {
      copied = false;
    }
    button.textContent = copied ? strings.copied : strings.copyFailed;
    clearTimeout(restoreLabel);
    restoreLabel = setTimeout(() => (button.textContent = strings.copy), FEEDBACK_MS);
  });
  return button;
}
