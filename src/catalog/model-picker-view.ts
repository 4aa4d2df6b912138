/**
 * The templates of the catalog's model picker: a combobox field showing the chosen model's
 * name, and, when open, the list of models with their price, context length and badges for
 * what each reads and does (icons, with their words for screen readers and as tooltips).
 * Every name is the catalog's text, shown as text.
 *
 * @module
 */
import type { RoomKit } from '../rooms/room-kit.js';
import type { CatalogStrings } from './catalog-strings.js';
import type { ModelInfo } from './model-catalog.js';
import type { ModelChoice, ModelPicker } from './model-picker.js';

/** What the picker shows, and where a choice goes. */
export interface PickerContext {
  readonly strings: CatalogStrings & { readonly modelLabel: string; readonly defaultModel: string };
  /** The models offered, in the order of `models`, each with the catalog's facts when it has them. */
  readonly choices: readonly ModelChoice<ModelInfo>[];
  /** The chosen model id, if any. */
  readonly current: string | undefined;
  /** A note under the picker (the chosen model cannot read what is attached), if any. */
  readonly note: string | undefined;
  readonly onPick: (id: string) => void;
}

/** Prices per million tokens: `$0.15`, `$3`, `$0.0375`. */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 });
/** Context lengths: `128K`, `2M`. */
const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });

/** The model's price line, or none when the catalog gives no price. */
export function priceText(info: ModelInfo, strings: CatalogStrings): string | undefined {
  const { promptPrice: input, completionPrice: output } = info;
  if (input === undefined || output === undefined) return strings.priceVaries;
  if (input === 0 && output === 0) return strings.free;
  return strings.price(usd.format(input * 1e6), usd.format(output * 1e6));
}

export function pickerViews({ html, svg, icon, nothing }: RoomKit) {
  const badges: ReadonlyArray<[(info: ModelInfo) => boolean, (strings: CatalogStrings) => string, unknown]> = [
    [(info) => info.inputs.has('image'), (s) => s.readsImages, icon(svg`<rect x="3" y="5" width="18" height="14" rx="2" /><path d="m3 16 5-5 4 4 3-3 6 6" />`)],
    [(info) => info.inputs.has('file'), (s) => s.readsFiles, icon(svg`<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" /><path d="M14 3v5h5" />`)],
    [(info) => info.inputs.has('audio'), (s) => s.readsAudio, icon(svg`<path d="M4 10v4M8 7v10M12 4v16M16 8v8M20 11v2" />`)],
    [(info) => info.tools, (s) => s.usesTools, icon(svg`<path d="M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 2.5-2.8-.7-.7-2.8z" />`)],
    [(info) => info.reasoning, (s) => s.reasons, icon(svg`<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9V16h7v-2.1A6 6 0 0 0 12 3z" />`)],
  ];

  function renderFacts(choice: ModelChoice<ModelInfo>, strings: CatalogStrings) {
    const { info } = choice;
    if (!info) return html`<span class="model-facts">${strings.notInCatalog}</span>`;
    const context = info.contextLength === undefined ? undefined : strings.contextLength(compact.format(info.contextLength));
    return html`<span class="model-facts">${[priceText(info, strings), context].filter(Boolean).join(' · ')}</span>
      <span class="model-badges">
        ${badges.map(([has, label, glyph]) =>
          has(info) ? html`<span class="model-badge" title=${label(strings)}>${glyph}<span class="visually-hidden">${label(strings)}</span></span>` : nothing,
        )}
      </span>`;
  }

  /** The combobox and, while open, its list. */
  function renderPicker(picker: ModelPicker, context: PickerContext) {
    const { strings, current, choices } = context;
    const shown = picker.filter(choices);
    const chosen = choices.find((choice) => choice.id === current);
    const pick = (index: number) => {
      const choice = shown[index];
      if (choice) context.onPick(choice.id);
    };
    const onKey = (event: KeyboardEvent) => {
      if (picker.key(event.key, event.altKey, shown.length, pick)) event.preventDefault();
    };
    const active = picker.open && shown.length ? `catalog-model-${Math.min(picker.active, shown.length - 1)}` : undefined;
    const empty = choices.length ? strings.noModelMatch(picker.query) : strings.noModels;
    return html`<div class="catalog-picker">
        <input
          part="model-picker"
          class="model-picker"
          role="combobox"
          aria-label=${strings.modelLabel}
          aria-expanded=${picker.open ? 'true' : 'false'}
          aria-controls="catalog-models"
          aria-autocomplete="list"
          aria-activedescendant=${active ?? nothing}
          autocomplete="off"
          spellcheck="false"
          placeholder=${picker.open ? strings.modelSearch : strings.defaultModel}
          .value=${picker.open ? picker.query : (chosen?.info?.name ?? current ?? '')}
          @input=${(event: Event) => picker.type((event.target as HTMLInputElement).value)}
          @keydown=${onKey}
          @click=${() => picker.toggle()}
          @blur=${() => picker.close()}
        />
        ${picker.open
          ? html`<ul part="model-list" class="model-list" role="listbox" id="catalog-models" aria-label=${strings.modelListLabel}>
              ${shown.length
                ? shown.map(
                    (choice, index) =>
                      html`<li
                        part="model-option"
                        class="model-option"
                        role="option"
                        id=${`catalog-model-${index}`}
                        aria-selected=${choice.id === current ? 'true' : 'false'}
                        ?data-active=${`catalog-model-${index}` === active}
                        @pointerdown=${(event: Event) => event.preventDefault()}
                        @click=${() => (pick(index), picker.close())}
                      >
                        <span class="model-name">${choice.info?.name ?? choice.id}</span>
                        <span class="model-id">${choice.id}</span>
                        ${renderFacts(choice, strings)}
                      </li>`,
                  )
                : html`<li class="model-empty" role="presentation">${empty}</li>`}
            </ul>`
          : nothing}
      </div>
      ${context.note ? html`<p part="model-note" class="model-note" role="status">${context.note}</p>` : nothing}`;
  }

  return { renderPicker };
}
