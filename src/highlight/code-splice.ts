/**
 * Cutting a run of characters out of a `<code>` element's children, so highlighted lines can
 * take the place of the text nodes (or older spans) that showed them.
 *
 * @module
 */

/**
 * Removes the children of `parent` from `first` on that hold the next `length` characters,
 * splitting the child where the run ends (a span cut in two is first turned back into its
 * plain text: the rest of it is replaced in turn, moments later).
 * @returns the child now following the removed run, where its replacement goes.
 */
export function removeCharacters(first: ChildNode | null, length: number): ChildNode | null {
  let node = first;
  let left = length;
  while (node && left > 0) {
    const size = node.textContent?.length ?? 0;
    if (size > left) {
      const text = node instanceof Text ? node : flatten(node);
      const rest = text.splitText(left);
      text.remove();
      return rest;
    }
    const next = node.nextSibling;
    node.remove();
    left -= size;
    node = next;
  }
  return node;
}

/** Replaces `node` by one text node of its text. */
function flatten(node: ChildNode): Text {
  const text = document.createTextNode(node.textContent ?? '');
  node.replaceWith(text);
  return text;
}
