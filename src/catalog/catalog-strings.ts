/**
 * The texts of the model catalog's picker and notes, in English. Part of the element's
 * `strings` (`ChatStrings`), whose page overrides win; their defaults live here so that a
 * chat without a catalog never loads them.
 *
 * @module
 */
import type { AttachmentKind } from './model-inputs.js';

/** The catalog's texts. */
export interface CatalogStrings {
  /** The model list's accessible name. */
  modelListLabel: string;
  /** The picker's placeholder while searching. */
  modelSearch: string;
  /** The server's catalog offers none of the models (or none at all). */
  noModels: string;
  /** No model matches what was typed. */
  noModelMatch: (query: string) => string;
  /** A model whose prompt and completion cost nothing. */
  free: string;
  /** A model whose price depends on the model it routes to. */
  priceVaries: string;
  /** Prices in USD per million tokens, already formatted (`$0.15`). */
  price: (input: string, output: string) => string;
  /** The context length, already formatted (`128K`). */
  contextLength: (tokens: string) => string;
  /** Badges' text alternatives. */
  readsImages: string;
  readsFiles: string;
  readsAudio: string;
  usesTools: string;
  reasons: string;
  /** The chosen model is not in the server's catalog (removed, or never there). */
  notInCatalog: string;
  /** The chosen model cannot read attachments the conversation or the box holds. */
  cannotRead: (model: string, kinds: readonly AttachmentKind[]) => string;
  /** The conversation's cost so far, already formatted, beside the last answer's usage. */
  conversationCost: (usd: string) => string;
}

const KIND_NAMES: Readonly<Record<AttachmentKind, string>> = { image: 'images', file: 'PDFs', audio: 'audio' };

/** The English defaults of the catalog's texts. */
export const defaultCatalogStrings: Readonly<CatalogStrings> = Object.freeze({
  modelListLabel: 'Models',
  modelSearch: 'Search models',
  noModels: 'This server offers no models.',
  noModelMatch: (query: string) => `No model matches “${query}”.`,
  free: 'Free',
  priceVaries: 'Price varies',
  price: (input: string, output: string) => `${input} in, ${output} out per M tokens`,
  contextLength: (tokens: string) => `${tokens} context`,
  readsImages: 'Reads images',
  readsFiles: 'Reads PDFs',
  readsAudio: 'Hears audio',
  usesTools: 'Uses tools',
  reasons: 'Reasons',
  notInCatalog: 'Not offered by this server',
  cannotRead: (model: string, kinds: readonly AttachmentKind[]) =>
    `${model} cannot read ${kinds.map((kind) => KIND_NAMES[kind]).join(' or ')}: remove them or choose another model.`,
  conversationCost: (usd: string) => `conversation ${usd}`,
});

/** The page's strings (their `undefined` members already dropped) with these defaults under them. */
export function withCatalogStrings<Strings extends Partial<CatalogStrings>>(strings: Strings): Strings & CatalogStrings {
  return { ...defaultCatalogStrings, ...strings };
}
