/**
 * Highlighted tokens as DOM: `<span class="hl-ROLE">` elements and text nodes, made with
 * `createElement` and `createTextNode` only. The token tree comes from model text, so nothing
 * in it is trusted: no tag, class or attribute is taken from it; a token's scope only picks
 * one of the fixed roles below, and a scope with no role adds no element at all.
 *
 * @module
 */
import type { ElementContent, Root } from 'hast';

/**
 * The colour roles (each one `--openrouter-chat-code-ROLE`), keyed by highlight.js scope:
 * the full scope first ("title.function"), then its head ("title").
 */
const ROLES: Readonly<Record<string, string>> = {
  keyword: 'keyword',
  'selector-tag': 'keyword',
  'variable.language': 'keyword',
  doctag: 'keyword',
  built_in: 'builtin',
  type: 'type',
  'title.class': 'type',
  'title.class.inherited': 'type',
  class: 'type',
  title: 'function',
  'title.function': 'function',
  'title.function.invoke': 'function',
  string: 'string',
  char: 'string',
  regexp: 'string',
  'template-tag': 'string',
  number: 'number',
  literal: 'literal',
  symbol: 'literal',
  'variable.constant': 'literal',
  comment: 'comment',
  quote: 'comment',
  variable: 'variable',
  'template-variable': 'variable',
  property: 'property',
  attr: 'attribute',
  attribute: 'attribute',
  'selector-class': 'attribute',
  'selector-id': 'attribute',
  'selector-attr': 'attribute',
  'selector-pseudo': 'attribute',
  name: 'tag',
  tag: 'punctuation',
  punctuation: 'punctuation',
  operator: 'operator',
  meta: 'meta',
  section: 'meta',
  bullet: 'meta',
  addition: 'addition',
  deletion: 'deletion',
};

/** Every role, for the stylesheet: one custom property each. */
export const CODE_ROLES: readonly string[] = [...new Set(Object.values(ROLES))];

/** lowlight writes scope "a.b.c" as the classes `hljs-a`, `b_`, `c__`; this undoes it. */
function scopeOf(className: unknown): string {
  if (!Array.isArray(className)) return '';
  return className.map((name) => String(name).replace(/^hljs-/, '').replace(/_+$/, '')).join('.');
}

function roleOf(className: unknown): string | undefined {
  const scope = scopeOf(className);
  return ROLES[scope] ?? ROLES[scope.split('.', 1)[0]!];
}

function append(parent: Node, nodes: readonly ElementContent[]): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      parent.appendChild(document.createTextNode(node.value));
    } else if (node.type === 'element') {
      const role = roleOf(node.properties['className']);
      let target = parent;
      if (role) {
        const span = document.createElement('span');
        span.className = `hl-${role}`;
        target = parent.appendChild(span);
      }
      append(target, node.children);
    }
  }
}

/** The DOM of a token tree: its text, in the spans of the roles its scopes have. */
export function tokensToDom(tree: Root): DocumentFragment {
  const fragment = document.createDocumentFragment();
  append(fragment, tree.children as ElementContent[]);
  return fragment;
}
