/**
 * TeX to MathML DOM: Temml parses and lays out the formula as its own tree of nodes, and this
 * builds the DOM from that tree itself, through an allowlist. Temml's `toNode()`/`toMarkup()`
 * are never called: nothing becomes DOM from a string, and nothing outside the lists below
 * becomes DOM at all.
 *
 * - Elements: MathML Core's presentation elements (plus `menclose`, which Temml draws with
 *   CSS). No `maction`, `semantics`, `annotation` or `annotation-xml` (where other markup can
 *   hide), and no HTML: an element outside the list is left out with its content.
 * - Attributes: MathML's layout attributes only. No `href`, `xlink:href`, `src`, `id`,
 *   `style`, event handlers or `encoding`; classes only Temml's own styling hooks.
 * - Colours (`\color`) become `mathcolor`/`mathbackground`, from a colour value only.
 * Temml has no `\href`, `\url`, `\htmlId`, `\htmlClass`, `\htmlStyle` or `\htmlData`, and with
 * `trust: false` it refuses `\includegraphics`: such TeX fails to parse and shows as source.
 *
 * @module
 */
import temml from 'temml';

const MATHML = 'http://www.w3.org/1998/Math/MathML';

const ELEMENTS: ReadonlySet<string> = new Set([
  'math', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msub', 'msup', 'msubsup', 'munder', 'mover',
  'munderover', 'mmultiscripts', 'mprescripts', 'none', 'mfrac', 'msqrt', 'mroot', 'mstyle', 'merror',
  'mpadded', 'mphantom', 'mtable', 'mtr', 'mtd', 'menclose',
]);

const ATTRIBUTES: ReadonlySet<string> = new Set([
  'display', 'displaystyle', 'scriptlevel', 'mathvariant', 'mathsize', 'dir', 'lspace', 'rspace', 'stretchy',
  'symmetric', 'maxsize', 'minsize', 'largeop', 'movablelimits', 'form', 'fence', 'separator', 'accent',
  'accentunder', 'linethickness', 'width', 'height', 'depth', 'voffset', 'columnalign', 'rowalign',
  'columnspacing', 'rowspacing', 'columnlines', 'rowlines', 'columnspan', 'rowspan', 'notation', 'frame',
  'framespacing', 'equalrows', 'equalcolumns', 'side', 'minlabelspacing', 'linebreak',
]);

/** Temml's styling hooks (`tml-*` and a few named ones), which our stylesheet may read. */
const CLASS = /^(?:tml-[\w-]+|mathcal|mathscr|menclose|special-fraction)$/;
/** A colour as Temml writes one: `#rgb`, `#rrggbb`, or a name. */
const COLOUR = /^(?:#[\da-f]{3,8}|[a-z]{3,20})$/i;

/**
 * Formulas longer than this show as their source: Temml parses some 2 µs a character on one
 * core, and the page must not freeze on a 50,000-character "formula" (no real one comes close).
 */
export const MAX_FORMULA_LENGTH = 10_000;

/** Temml's tree, as far as we read it: elements (`type`), fragments (no `type`) and text. */
interface TreeNode {
  type?: string;
  text?: string;
  attributes?: Record<string, unknown>;
  classes?: string[];
  style?: Record<string, unknown>;
  children?: TreeNode[];
}

/** The MathML of `tex`, or `null` when it does not parse (or is too long). */
export function typesetTex(tex: string, display: boolean): Element | null {
  if (tex.length > MAX_FORMULA_LENGTH || !tex.trim()) return null;
  let tree: TreeNode;
  try {
    tree = temml.__renderToMathMLTree(tex, { displayMode: display, throwOnError: true, trust: false, annotate: false, maxExpand: 500 });
  } catch {
    // A parse error, and anything else (a stack overflow on deep nesting): the source shows.
    return null;
  }
  const math = build(tree);
  return math instanceof Element && math.localName === 'math' ? math : null;
}

function build(node: TreeNode): Node | null {
  if (node.type === undefined) {
    if (typeof node.text === 'string') return document.createTextNode(node.text);
    const fragment = document.createDocumentFragment();
    appendChildren(fragment, node.children);
    return fragment;
  }
  if (!ELEMENTS.has(node.type)) return null;
  const element = document.createElementNS(MATHML, node.type);
  for (const [name, value] of Object.entries(node.attributes ?? {})) {
    if (ATTRIBUTES.has(name) && (typeof value === 'string' || typeof value === 'number')) element.setAttribute(name, String(value));
  }
  const classes = (node.classes ?? []).filter((name) => CLASS.test(name));
  if (classes.length) element.setAttribute('class', classes.join(' '));
  setColour(element, 'mathcolor', node.style?.color);
  setColour(element, 'mathbackground', node.style?.backgroundColor);
  appendChildren(element, node.children);
  return element;
}

function appendChildren(parent: Node, children: TreeNode[] | undefined): void {
  for (const child of children ?? []) {
    const built = build(child);
    if (built) parent.appendChild(built);
  }
}

function setColour(element: Element, attribute: string, value: unknown): void {
  if (typeof value === 'string' && COLOUR.test(value)) element.setAttribute(attribute, value);
}
