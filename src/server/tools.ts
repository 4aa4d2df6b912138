import { HttpError } from './errors.js';
import { isPlainObject } from './json.js';

/** A function tool as forwarded upstream: rebuilt from its known fields. */
export interface FunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

/** OpenRouter's web search server tool (`openrouter:web_search`), with its settings as sent. */
export interface WebSearchTool {
  type: 'openrouter:web_search';
  parameters?: Record<string, unknown>;
}

/** A tool of the body's `tools`, as forwarded. */
export type RequestTool = FunctionTool | WebSearchTool;

/** OpenAI's `tool_choice`. */
export type ToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

/** What decides which tools a request may carry. */
export interface ToolLimits {
  allowClientTools: boolean;
  allowWebSearch: boolean;
}

/** OpenAI's limits, which providers enforce: at most 128 tools, names of 1 to 64 safe characters. */
export const MAX_TOOLS = 128;
export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** A description longer than this is a prompt in disguise, billed on every request. */
const MAX_DESCRIPTION_CHARS = 4096;
/** The web search tool's spellings: OpenRouter hoists OpenAI's two to its own. */
const WEB_SEARCH_TYPES = new Set(['openrouter:web_search', 'web_search', 'web_search_preview']);

/** The message that names why web search is refused. */
export const WEB_SEARCH_OFF = 'Web search is off on this proxy (it costs money per search): set allowWebSearch to turn it on.';

/**
 * Checks the body's `tools`: function tools with safe names and object schemas, and the web
 * search tool where it is allowed.
 *
 * @throws HttpError 400 for anything else, naming the entry.
 */
export function checkTools(value: unknown, limits: ToolLimits): RequestTool[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > MAX_TOOLS) {
    throw new HttpError(400, `tools must be an array of at most ${MAX_TOOLS} tools.`);
  }
  const names = new Set<string>();
  return value.map((entry: unknown, index): RequestTool => {
    const path = `tools[${index}]`;
    if (!isPlainObject(entry)) throw new HttpError(400, `${path} must be an object { type, function }.`);
    if (typeof entry['type'] === 'string' && WEB_SEARCH_TYPES.has(entry['type'])) return webSearchTool(entry, path, limits);
    if (entry['type'] !== 'function') {
      throw new HttpError(400, `${path}.type must be "function" or "openrouter:web_search".`);
    }
    if (!limits.allowClientTools) throw new HttpError(400, 'This proxy does not take tools from the client (allowClientTools is off).');
    const tool = functionTool(entry['function'], `${path}.function`);
    if (names.has(tool.function.name)) throw new HttpError(400, `${path}.function.name "${tool.function.name}" is defined twice.`);
    names.add(tool.function.name);
    return tool;
  });
}

/** The names of the function tools, for `tool_choice` to name one. */
export function toolNames(tools: readonly RequestTool[] | undefined): Set<string> {
  return new Set((tools ?? []).flatMap((tool) => (tool.type === 'function' ? [tool.function.name] : [])));
}

/** Checks `tool_choice` against the tools the request defines. */
export function checkToolChoice(value: unknown, defined: ReadonlySet<string>): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'none' || value === 'auto' || value === 'required') return value;
  const name = isPlainObject(value) && value['type'] === 'function' && isPlainObject(value['function']) ? value['function']['name'] : undefined;
  if (typeof name !== 'string') {
    throw new HttpError(400, 'tool_choice must be "none", "auto", "required" or { type: "function", function: { name } }.');
  }
  if (!defined.has(name)) throw new HttpError(400, `tool_choice names "${name}", which is not among the tools.`);
  return { type: 'function', function: { name } };
}

/** Checks a tool name, where a tool is defined or called. */
export function checkToolName(name: unknown, path: string): string {
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    throw new HttpError(400, `${path} must be 1 to 64 letters, digits, "_" or "-".`);
  }
  return name;
}

function functionTool(value: unknown, path: string): FunctionTool {
  if (!isPlainObject(value)) throw new HttpError(400, `${path} must be an object { name, description?, parameters? }.`);
  const tool: FunctionTool = { type: 'function', function: { name: checkToolName(value['name'], `${path}.name`) } };
  const { description, parameters } = value;
  if (description !== undefined) {
    if (typeof description !== 'string' || description.length > MAX_DESCRIPTION_CHARS) {
      throw new HttpError(400, `${path}.description must be a string of at most ${MAX_DESCRIPTION_CHARS} characters.`);
    }
    tool.function.description = description;
  }
  if (parameters !== undefined) {
    if (!isPlainObject(parameters)) throw new HttpError(400, `${path}.parameters must be a JSON Schema object.`);
    tool.function.parameters = parameters;
  }
  return tool;
}

function webSearchTool(entry: Record<string, unknown>, path: string, limits: ToolLimits): WebSearchTool {
  if (!limits.allowWebSearch) throw new HttpError(400, WEB_SEARCH_OFF);
  const tool: WebSearchTool = { type: 'openrouter:web_search' };
  const { parameters } = entry;
  if (parameters !== undefined) {
    if (!isPlainObject(parameters)) throw new HttpError(400, `${path}.parameters must be an object.`);
    tool.parameters = parameters;
  }
  return tool;
}
