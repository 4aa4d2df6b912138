import { HttpError } from './errors.js';
import { isPlainObject } from './json.js';
import { carriesFile, checkMessages, type ChatMessage, type MessageLimits } from './messages.js';
import { checkModelId } from './models.js';
import { checkPlugins, withPdfEngine, type PdfEngine, type PluginEntry } from './plugins.js';
import type { ServerTool } from './options.js';
import { checkToolChoice, checkTools, toolNames, WEB_SEARCH_OFF, type RequestTool, type ToolChoice, type ToolLimits } from './tools.js';

/** OpenRouter's reasoning control; only these keys are forwarded. */
export interface ReasoningOptions {
  effort?: ReasoningEffort;
  max_tokens?: number;
  exclude?: boolean;
  enabled?: boolean;
}

type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** The only body the proxy ever sends upstream: known fields, validated, `stream` forced. */
export interface UpstreamChatBody {
  model: string;
  messages: ChatMessage[];
  stream: true;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stop?: string | string[];
  seed?: number;
  reasoning?: ReasoningOptions;
  models?: string[];
  plugins?: PluginEntry[];
  tools?: RequestTool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  /** The conversation's id: OpenRouter keeps one conversation on one provider (its prompt cache warm). */
  session_id?: string;
}

/** The limits a request body is checked against (see `ChatHandlerOptions` for meanings). */
export interface ChatRequestLimits extends MessageLimits, ToolLimits {
  serverTools: ReadonlyMap<string, ServerTool>;
  defaultModel: string;
  isModelAllowed: (modelId: string) => boolean;
  maxModelIdLength: number;
  maxTokens: number | undefined;
  allowedPlugins: ReadonlySet<string>;
  pdfEngine: PdfEngine;
}

const REASONING_EFFORTS = ['xhigh', 'high', 'medium', 'low', 'minimal', 'none'] as const;
/** OpenAI's and OpenRouter's own limit on stop sequences. */
const MAX_STOP_SEQUENCES = 4;
/** OpenRouter's own limit on `session_id`. */
const MAX_SESSION_ID_LENGTH = 256;
/** Fallback lists longer than this only multiply cost; OpenRouter tries them in order. */
const MAX_FALLBACK_MODELS = 10;

/**
 * Turns an untrusted, already JSON-parsed body into the body sent upstream, or throws the
 * 400/403 `HttpError` to answer with. Unknown fields are dropped rather than refused so a
 * client built for a richer API still works, just without the extras.
 */
export function validateChatRequest(body: unknown, limits: ChatRequestLimits): UpstreamChatBody {
  if (!isPlainObject(body)) throw new HttpError(400, 'The request body must be a JSON object.');

  const model =
    body['model'] === undefined || body['model'] === null
      ? limits.defaultModel
      : checkModelId(body['model'], 'model', limits.maxModelIdLength, limits.isModelAllowed);

  const upstream: UpstreamChatBody = {
    model,
    messages: checkMessages(body['messages'], limits),
    stream: true,
  };
  const temperature = optionalNumberInRange(body, 'temperature', 0, 2);
  if (temperature !== undefined) upstream.temperature = temperature;
  const topP = optionalNumberInRange(body, 'top_p', 0, 1);
  if (topP !== undefined) upstream.top_p = topP;
  const maxTokens = cappedMaxTokens(body['max_tokens'], limits.maxTokens);
  if (maxTokens !== undefined) upstream.max_tokens = maxTokens;
  const stop = optionalStop(body['stop']);
  if (stop !== undefined) upstream.stop = stop;
  if (body['seed'] !== undefined) {
    if (!Number.isSafeInteger(body['seed'])) throw new HttpError(400, 'seed must be an integer.');
    upstream.seed = body['seed'] as number;
  }
  const reasoning = optionalReasoning(body['reasoning']);
  if (reasoning !== undefined) upstream.reasoning = reasoning;
  const models = optionalFallbackModels(body['models'], limits);
  if (models !== undefined) upstream.models = models;
  refuseWebSearchModels([upstream.model, ...(upstream.models ?? [])], limits);
  const allowedPlugins = checkPlugins(body['plugins'], webSearchPlugins(limits));
  if (!allowedPlugins.some((entry) => entry.id === 'web') && asksForWebPlugin(body['plugins'])) throw new HttpError(400, WEB_SEARCH_OFF);
  const plugins = carriesFile(upstream.messages) ? withPdfEngine(allowedPlugins, limits.pdfEngine) : allowedPlugins;
  if (plugins.length > 0) upstream.plugins = plugins;
  addTools(upstream, body, limits);
  const sessionId = optionalSessionId(body['session_id']);
  if (sessionId !== undefined) upstream.session_id = sessionId;
  return upstream;
}

/**
 * A conversation id: 1 to 256 characters, none of them control characters (OpenRouter may
 * carry it in a header, where a CR or LF would start another).
 */
function optionalSessionId(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || !value || value.length > MAX_SESSION_ID_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new HttpError(400, `session_id must be a string of 1 to ${MAX_SESSION_ID_LENGTH} characters without control characters.`);
  }
  return value;
}

/**
 * The client's tools, then the proxy's own (which the client never sees defined, and may
 * not shadow), `tool_choice` naming one of them, and `parallel_tool_calls`.
 */
function addTools(upstream: UpstreamChatBody, body: Record<string, unknown>, limits: ChatRequestLimits): void {
  const tools = checkTools(body['tools'], limits) ?? [];
  for (const tool of tools) {
    if (tool.type === 'function' && limits.serverTools.has(tool.function.name)) {
      throw new HttpError(400, `tools defines "${tool.function.name}", which is one of this proxy's own tools.`);
    }
  }
  for (const [name, { description, parameters }] of limits.serverTools) {
    tools.push({ type: 'function', function: { name, parameters, ...(description === undefined ? {} : { description }) } });
  }
  if (tools.length > 0) upstream.tools = tools;
  const choice = checkToolChoice(body['tool_choice'], toolNames(tools));
  if (choice !== undefined) upstream.tool_choice = choice;
  const parallel = body['parallel_tool_calls'];
  if (parallel !== undefined && parallel !== null) {
    if (typeof parallel !== 'boolean') throw new HttpError(400, 'parallel_tool_calls must be a boolean.');
    upstream.parallel_tool_calls = parallel;
  }
}

/**
 * With web search allowed, its plugin (`web`) passes beside the allowed ones (naming `web`
 * in `allowedPlugins`, as before `allowWebSearch` existed, allows the plugin too).
 */
function webSearchPlugins(limits: ChatRequestLimits): ReadonlySet<string> {
  return limits.allowWebSearch ? new Set([...limits.allowedPlugins, 'web']) : limits.allowedPlugins;
}

/**
 * Web search is refused rather than dropped like other plugins: a visitor who asked for it
 * would otherwise get an answer that looks searched and is not.
 */
function asksForWebPlugin(plugins: unknown): boolean {
  return Array.isArray(plugins) && plugins.some((entry) => isPlainObject(entry) && entry['id'] === 'web');
}

/** A model id ending `:online` is web search by another name (deprecated, still billed). */
function refuseWebSearchModels(models: readonly string[], limits: ChatRequestLimits): void {
  if (!limits.allowWebSearch && models.some((model) => model.endsWith(':online'))) throw new HttpError(400, WEB_SEARCH_OFF);
}

function optionalNumberInRange(
  body: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new HttpError(400, `${field} must be a number from ${min} to ${max}.`);
  }
  return value;
}

function cappedMaxTokens(value: unknown, cap: number | undefined): number | undefined {
  if (value === undefined || value === null) return cap;
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new HttpError(400, 'max_tokens must be a positive integer.');
  }
  return cap === undefined ? (value as number) : Math.min(value as number, cap);
}

function optionalStop(value: unknown): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (
    Array.isArray(value) &&
    value.length <= MAX_STOP_SEQUENCES &&
    value.every((entry) => typeof entry === 'string')
  ) {
    return value as string[];
  }
  throw new HttpError(
    400,
    `stop must be a string or an array of at most ${MAX_STOP_SEQUENCES} strings.`,
  );
}

function optionalReasoning(value: unknown): ReasoningOptions | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new HttpError(400, 'reasoning must be an object.');
  const reasoning: ReasoningOptions = {};
  const { effort, max_tokens: maxTokens, exclude, enabled } = value;
  if (effort !== undefined) {
    if (!(REASONING_EFFORTS as readonly unknown[]).includes(effort)) {
      throw new HttpError(400, `reasoning.effort must be one of ${REASONING_EFFORTS.join(', ')}.`);
    }
    reasoning.effort = effort as ReasoningEffort;
  }
  if (maxTokens !== undefined) {
    if (!Number.isSafeInteger(maxTokens) || (maxTokens as number) < 1) {
      throw new HttpError(400, 'reasoning.max_tokens must be a positive integer.');
    }
    reasoning.max_tokens = maxTokens as number;
  }
  for (const [key, flag] of [
    ['exclude', exclude],
    ['enabled', enabled],
  ] as const) {
    if (flag === undefined) continue;
    if (typeof flag !== 'boolean') throw new HttpError(400, `reasoning.${key} must be a boolean.`);
    reasoning[key] = flag;
  }
  return reasoning;
}

function optionalFallbackModels(
  value: unknown,
  limits: ChatRequestLimits,
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_FALLBACK_MODELS) {
    throw new HttpError(
      400,
      `models must be an array of 1 to ${MAX_FALLBACK_MODELS} model ids.`,
    );
  }
  return value.map((entry: unknown, index) =>
    checkModelId(entry, `models[${index}]`, limits.maxModelIdLength, limits.isModelAllowed),
  );
}
