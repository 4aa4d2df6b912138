/**
 * The `tool-choice` attribute: `auto`, `none`, `required`, or the name of the tool the
 * model must call.
 *
 * @module
 */
import type { ComplexAttributeConverter } from 'lit';
import type { ToolChoice } from '../types.js';

/** Reads `"required"` as it is and `"lookup_order"` as OpenAI's named choice; an empty attribute as unset. */
export const toolChoiceConverter: ComplexAttributeConverter<ToolChoice | undefined> = {
  fromAttribute(value: string | null) {
    const choice = value?.trim();
    if (!choice) return undefined;
    if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
    return { type: 'function', function: { name: choice } };
  },
  toAttribute: (value: ToolChoice | undefined) => (typeof value === 'object' ? value.function.name : value),
};
