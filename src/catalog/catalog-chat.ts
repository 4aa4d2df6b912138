/**
 * What the catalog does for one chat, kept here so the element holds a single field and a
 * line per use: it asks the endpoint for its catalog (once per page and endpoint), and from
 * the chosen model's entry gives the picker, the `accept` the model can read, the history's
 * fit to its context, and the conversation's running cost.
 *
 * @module
 */
import type { ReactiveControllerHost } from 'lit';
import type { ChatEntry } from '../chat/chat-controller.js';
import type { ChatMessage, ContentPart } from '../types.js';
import { catalogOf } from './catalog-client.js';
import type { CatalogStrings } from './catalog-strings.js';
import { contextFit } from './context-fit.js';
import type { ModelCatalog, ModelInfo } from './model-catalog.js';
import { acceptFor, unreadableKinds } from './model-inputs.js';
import { ModelPicker, type ModelChoice } from './model-picker.js';
import type { PickerContext } from './model-picker-view.js';

/** What the picker needs from the element at a render. */
export interface PickerRequest {
  readonly strings: PickerContext['strings'];
  /** `models`: what may be offered, in order. */
  readonly models: readonly string[];
  readonly model: string | undefined;
  /** The conversation and the box's pending parts, for the note on what the model cannot read. */
  readonly messages: readonly ChatMessage[];
  readonly pending: readonly ContentPart[];
  readonly onPick: (id: string) => void;
}

/**
 * The parts the user's messages carried, per conversation: the picker renders once a frame
 * while an answer streams, and the conversation (a new array on every change) does not
 * change meanwhile, so a long one is scanned once, not every frame.
 */
const sentPartsOf = new WeakMap<readonly ChatMessage[], readonly ContentPart[]>();

function sentParts(messages: readonly ChatMessage[]): readonly ContentPart[] {
  let parts = sentPartsOf.get(messages);
  if (!parts) {
    parts = messages.flatMap((message) => (message.role === 'user' && Array.isArray(message.content) ? message.content : []));
    sentPartsOf.set(messages, parts);
  }
  return parts;
}

export class CatalogChat {
  readonly picker: ModelPicker;
  private endpoint?: string;
  private models?: ModelCatalog;

  constructor(private readonly host: ReactiveControllerHost) {
    this.picker = new ModelPicker(host);
  }

  /** Asks `endpoint` for its catalog, unless it was the last one asked. */
  ask(endpoint: string): void {
    if (endpoint === this.endpoint) return;
    this.endpoint = endpoint;
    this.models = undefined;
    void catalogOf(endpoint).then((models) => {
      if (this.endpoint !== endpoint) return;
      this.models = models;
      this.host.requestUpdate();
    });
  }

  /** The catalog's entry for a model, once it answered. */
  info(model: string | undefined): ModelInfo | undefined {
    return model === undefined ? undefined : this.models?.get(model);
  }

  /** `accept` cut down to the kinds `model` reads; as it is while the catalog does not say. */
  accept(accept: string | undefined, model: string | undefined): string | undefined {
    const info = this.info(model);
    return info && accept ? acceptFor(accept, info) : accept;
  }

  /** The history's fit to the model's context, when the catalog gives its length. */
  fit(model: string | undefined, systemPrompt: string | undefined): ((window: readonly ChatMessage[]) => boolean) | undefined {
    const length = this.info(model)?.contextLength;
    return length ? contextFit(length, systemPrompt) : undefined;
  }

  /**
   * The picker's context once the catalog is in and `models` names some: the listed models
   * the catalog has, in the list's order (the chosen one always among them, marked when the
   * catalog does not have it), and a note when the chosen model cannot read what is attached.
   */
  pickerContext(request: PickerRequest): PickerContext | undefined {
    const { models: catalog } = this;
    const { models, model, strings } = request;
    if (!catalog || !models.length) return undefined;
    const choices: ModelChoice<ModelInfo>[] = models.filter((id) => catalog.has(id) || id === model).map((id) => ({ id, info: catalog.get(id) }));
    if (model !== undefined && !choices.some((choice) => choice.id === model)) choices.unshift({ id: model });
    return { strings, choices, current: model, note: this.note(request), onPick: request.onPick };
  }

  /**
   * The conversation's cost so far, from the costs OpenRouter reported per answer, written as
   * the usage line writes one (enough digits to be non-zero); none before a second answer
   * reported one, when it would only repeat the answer's own.
   */
  cost(entries: readonly ChatEntry[], strings: CatalogStrings): string | undefined {
    let total = 0;
    let answers = 0;
    for (const { usage } of entries) {
      if (typeof usage?.cost !== 'number' || !Number.isFinite(usage.cost)) continue;
      total += usage.cost;
      answers++;
    }
    return answers > 1 ? strings.conversationCost(`$${total.toPrecision(2)}`) : undefined;
  }

  private note({ model, messages, pending, strings }: PickerRequest): string | undefined {
    const info = this.info(model);
    if (!info) return undefined;
    const kinds = unreadableKinds([...pending, ...sentParts(messages)], info);
    return kinds.length ? strings.cannotRead(info.name, kinds) : undefined;
  }
}
