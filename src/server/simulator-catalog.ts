/**
 * The simulated OpenRouter's `GET /models`: a few models in OpenRouter's own shape (more
 * fields than the proxy passes on, as the real list has), covering what the picker shows:
 * a vision model that thinks, a vision model with tools, a free text-only one, one that
 * draws images, and the router with its "varies" price.
 */
const SIMULATED_MODELS = [
  {
    id: 'anthropic/claude-3.7-sonnet:thinking',
    name: 'Anthropic: Claude 3.7 Sonnet (thinking)',
    created: 1740422110,
    description: 'Claude 3.7 Sonnet with extended thinking (simulated).',
    context_length: 200_000,
    architecture: { input_modalities: ['text', 'image', 'file'], output_modalities: ['text'], tokenizer: 'Claude' },
    pricing: { prompt: '0.000003', completion: '0.000015', image: '0.0048', request: '0' },
    top_provider: { max_completion_tokens: 64_000 },
    supported_parameters: ['max_tokens', 'temperature', 'tools', 'tool_choice', 'reasoning', 'include_reasoning'],
  },
  {
    id: 'openai/gpt-4o-mini',
    name: 'OpenAI: GPT-4o-mini',
    created: 1721260800,
    description: 'A small, fast GPT-4o (simulated).',
    context_length: 128_000,
    architecture: { input_modalities: ['text', 'image', 'file'], output_modalities: ['text'], tokenizer: 'GPT' },
    pricing: { prompt: '0.00000015', completion: '0.0000006', image: '0.000217' },
    top_provider: { max_completion_tokens: 16_384 },
    supported_parameters: ['max_tokens', 'temperature', 'tools', 'tool_choice', 'response_format'],
  },
  {
    id: 'meta-llama/llama-3.1-8b-instruct:free',
    name: 'Meta: Llama 3.1 8B Instruct (free)',
    created: 1721692800,
    description: 'Llama 3.1 8B, text only, free (simulated).',
    context_length: 131_072,
    architecture: { input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Llama3' },
    pricing: { prompt: '0', completion: '0' },
    supported_parameters: ['max_tokens', 'temperature'],
  },
  {
    id: 'google/gemini-2.5-flash-image',
    name: 'Google: Gemini 2.5 Flash Image',
    created: 1756218977,
    description: 'Draws images as well as writing (simulated).',
    context_length: 32_768,
    architecture: { input_modalities: ['text', 'image'], output_modalities: ['image', 'text'], tokenizer: 'Gemini' },
    pricing: { prompt: '0.0000003', completion: '0.0000025', image: '0.001238' },
    supported_parameters: ['max_tokens', 'temperature'],
  },
  {
    id: 'openrouter/auto',
    name: 'Auto Router',
    created: 1699401600,
    description: 'Picks a model for each prompt (simulated).',
    context_length: 2_000_000,
    architecture: { input_modalities: ['text', 'image', 'file', 'audio'], output_modalities: ['text'], tokenizer: 'Router' },
    pricing: { prompt: '-1', completion: '-1' },
    supported_parameters: ['max_tokens', 'temperature', 'tools', 'reasoning'],
  },
];

/** The simulated list, as OpenRouter's JSON answer. */
export function simulatedCatalogResponse(): Response {
  return new Response(JSON.stringify({ data: SIMULATED_MODELS }), { headers: { 'content-type': 'application/json' } });
}
