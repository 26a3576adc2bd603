import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPricingTable } from '../../src/pricing/pricing-table.js';
import type { PricingFile } from '../../src/index.js';

/**
 * Every model id that the installed SDKs name for a surface this package traces is priced by the
 * shipped table, or listed in it as knowingly unpriced for one of a few factual reasons. The ids are
 * read from the SDKs' own type files, following type aliases, so a new SDK release that names a new
 * model fails this test until the table says what it does with the model.
 *
 * Terms: a "surface" is a create call this package traces; its "union" is the type of that call's
 * `model` parameter, a union of string literals and of other union types.
 */

const require = createRequire(import.meta.url);
const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'pricing_v1.json'), 'utf8')) as PricingFile;
const table = loadPricingTable(undefined);

/** The .d.ts file `file` of the installed package `packageName`, whose main module sits at the package's root. */
function typeFile(packageName: string, file: string): string {
  return join(dirname(require.resolve(packageName)), file);
}

/**
 * The type of the top-level `model` field of the interface `interfaceName` declared in `path`, with
 * or without type parameters (`TranscriptionCreateParamsBase<ResponseFormat extends … = …>`), or of
 * one declared in a namespace (`ResponsesClientEvent.ResponseCreate`, one level in).
 */
function modelFieldType(path: string, interfaceName: string): string {
  const source = readFileSync(path, 'utf8');
  const [name, indent] = interfaceName.includes('.') ? [interfaceName.split('.')[1], ' {4}'] : [interfaceName, ''];
  const declaration = new RegExp(`^${indent}(?:export )?interface ${name}(?:<[^{}]*>)? (?:extends [^{]+)?\\{\\n([\\s\\S]*?)^${indent}\\}`, 'm');
  const body = declaration.exec(source)?.[1];
  const field = body === undefined ? undefined : new RegExp(`^${indent} {4}model\\??: (.+);$`, 'm').exec(body)?.[1];
  if (field === undefined) throw new Error(`no model field in interface ${interfaceName} of ${path}`);
  return field;
}

/**
 * The string literals of the union `typeText`, written in the file `path`: literals as they are,
 * names of other union types (`ChatModel`, `Shared.ChatModel`) replaced by their own literals.
 */
function literalsOf(typeText: string, path: string): string[] {
  const source = readFileSync(path, 'utf8');
  return typeText.split('|').flatMap((member) => {
    const part = member.trim();
    const literal = /^'([^']+)'$/.exec(part);
    if (literal !== null) return [literal[1] as string];
    if (part === '(string & {})' || part === 'null') return [];
    const [qualifier, name] = part.includes('.') ? part.split('.') : [undefined, part];
    const declaredIn =
      qualifier === undefined ? path : join(dirname(path), importPath(source, qualifier, path).replace(/\.js$/, '.d.ts'));
    const declaration = new RegExp(`^export type ${name} = (.+);$`, 'm').exec(readFileSync(declaredIn, 'utf8'))?.[1];
    if (declaration === undefined) throw new Error(`no type ${part} for ${path}`);
    return literalsOf(declaration, declaredIn);
  });
}

function importPath(source: string, qualifier: string, path: string): string {
  const found = new RegExp(`^import \\* as ${qualifier} from "([^"]+)";$`, 'm').exec(source)?.[1];
  if (found === undefined) throw new Error(`no import of ${qualifier} in ${path}`);
  return found;
}

function modelIdsOf(packageName: string, file: string, interfaceName: string): string[] {
  const path = typeFile(packageName, file);
  return literalsOf(modelFieldType(path, interfaceName), path);
}

/** The literals of the type alias `typeName` declared in `file` of the installed package `packageName`. */
function aliasIdsOf(packageName: string, file: string, typeName: string): string[] {
  const path = typeFile(packageName, file);
  const declaration = new RegExp(`^export type ${typeName} = (.+);$`, 'm').exec(readFileSync(path, 'utf8'))?.[1];
  if (declaration === undefined) throw new Error(`no type ${typeName} in ${path}`);
  return literalsOf(declaration, path);
}

/**
 * The model ids of @google/genai: its `models.generateContent` takes any string, and the SDK's one
 * list of the Gemini API's models is the `Model` union of its Interactions API, which its bundled
 * type file (dist/genai.d.ts) declares under a name of the bundler's and exports as `Model` from
 * the `interactions` namespace.
 */
function geminiModelIds(): string[] {
  // The main module is dist/node/index.cjs; the types of every entry are dist/genai.d.ts.
  const path = typeFile('@google/genai', '../genai.d.ts');
  const source = readFileSync(path, 'utf8');
  const exported = /^\s+(\w+) as Model,$/m.exec(source)?.[1];
  const union = exported === undefined ? undefined : new RegExp(`^declare type ${exported} = (.+);$`, 'm').exec(source)?.[1];
  if (union === undefined) throw new Error(`no Model union exported in ${path}`);
  return union.split('|').flatMap((member) => /^"([^"]+)"$/.exec(member.trim())?.[1] ?? []);
}

const SURFACES = [
  { surface: 'openai chat.completions.create', ids: modelIdsOf('openai', 'resources/chat/completions/completions.d.ts', 'ChatCompletionCreateParamsBase') },
  { surface: 'openai responses.create', ids: modelIdsOf('openai', 'resources/responses/responses.d.ts', 'ResponseCreateParamsBase') },
  { surface: 'openai responses.compact', ids: modelIdsOf('openai', 'resources/responses/responses.d.ts', 'ResponseCompactParams') },
  { surface: 'openai completions.create', ids: modelIdsOf('openai', 'resources/completions.d.ts', 'CompletionCreateParamsBase') },
  { surface: 'openai embeddings.create', ids: modelIdsOf('openai', 'resources/embeddings.d.ts', 'EmbeddingCreateParams') },
  { surface: 'openai images.generate', ids: modelIdsOf('openai', 'resources/images.d.ts', 'ImageGenerateParamsBase') },
  { surface: 'openai images.edit', ids: modelIdsOf('openai', 'resources/images.d.ts', 'ImageEditParamsBase') },
  { surface: 'openai audio.transcriptions.create', ids: modelIdsOf('openai', 'resources/audio/transcriptions.d.ts', 'TranscriptionCreateParamsBase') },
  { surface: 'openai audio.translations.create', ids: modelIdsOf('openai', 'resources/audio/translations.d.ts', 'TranslationCreateParams') },
  { surface: 'openai audio.speech.create', ids: modelIdsOf('openai', 'resources/audio/speech.d.ts', 'SpeechCreateParams') },
  { surface: 'openai realtime sessions', ids: modelIdsOf('openai', 'resources/realtime/realtime.d.ts', 'RealtimeSessionCreateRequest') },
  { surface: 'openai Responses API WebSocket response.create', ids: modelIdsOf('openai', 'resources/responses/responses.d.ts', 'ResponsesClientEvent.ResponseCreate') },
  // The main module is dist/index.js; its types sit beside it.
  { surface: '@openai/agents-realtime sessions', ids: aliasIdsOf('@openai/agents-realtime', 'openaiRealtimeBase.d.ts', 'OpenAIRealtimeModels') },
  { surface: '@anthropic-ai/sdk messages.create', ids: modelIdsOf('@anthropic-ai/sdk', 'resources/messages/messages.d.ts', 'MessageCreateParamsBase') },
  { surface: '@google/genai models.generateContent', ids: geminiModelIds() },
];

/**
 * Ids that no union of the installed SDKs names but applications still send: those the `Model`
 * union of @anthropic-ai/sdk 0.40.0 and 0.60.0 named (the oldest releases compat/matrix.json
 * supports), read from those releases' messages.d.ts on 2026-12-05, and the two that 1.13.0 named
 * and 1.17.0 no longer names (read from both releases' messages.d.ts on 2026-12-06).
 */
const EARLIER_SDK_IDS = [
  'claude-3-7-sonnet-latest', 'claude-3-7-sonnet-20250219', 'claude-3-5-haiku-latest', 'claude-3-5-haiku-20241022',
  'claude-sonnet-4-20250514', 'claude-sonnet-4-0', 'claude-4-sonnet-20250514', 'claude-3-5-sonnet-latest',
  'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-20240620', 'claude-opus-4-0', 'claude-opus-4-20250514',
  'claude-4-opus-20250514', 'claude-opus-4-1-20250805', 'claude-3-opus-latest', 'claude-3-opus-20240229',
  'claude-3-sonnet-20240229', 'claude-3-haiku-20240307', 'claude-2.1', 'claude-2.0',
  'claude-sonnet-4-5', 'claude-sonnet-4-5-20250929',
];

/**
 * Ids of @google/genai's union that name no model of their own but the newest of a line, which
 * moves (Google's changelog, 2026-01-21: gemini-pro-latest to gemini-3-pro-preview,
 * gemini-flash-latest to gemini-3-flash-preview; moved since). The table names none of them: the
 * response's `modelVersion` names the model the call ran, and that prices it.
 */
const ALIASES_OF_THE_NEWEST = ['gemini-flash-latest', 'gemini-flash-lite-latest', 'gemini-pro-latest'];

/** The only reasons a model may be left unpriced for: each a fact about the model, never a gap in what was read. */
const FACTUAL_REASONS = {
  accessProgram:
    "Served only through an access program (OpenAI's Cyber programs Daybreak Blue and Red, the GPT-Rosalind research program): no public list price.",
  unpublishedSiblings:
    "No price for these ids in the provider's pages found on 2026-11-24 nor in REFERENCE.md §3; a sibling model's price would be a guess (the 5.x generation changed the price ratios: Fable 5.1 reads the cache at 0.025x input).",
  unpublishedOpenAI:
    "No price for this id in OpenAI's pages nor in any reseller's list found on 2026-12-06 (its SDK id came with openai 7.58.0, Responses only; gpt-6-astra-law was announced without an API price); gpt-6.2-astra's price would be a guess.",
  perImage: "Billed per image by size and quality, not per token, and retired on 2026-05-12 (openai 7.60's ImageModel docs).",
  movingImageModel:
    "No price for this id in OpenAI's pages nor in any reseller's list found on 2026-12-06; it names whichever image model ChatGPT uses, which moves.",
  speechWithoutUsage:
    "The Speech API's response is the audio itself and reports no usage, so no call's cost can be read from it: tts-1 and tts-1-hd bill per character of the input ($15 and $30 per million characters), gpt-4o-mini-tts by its text input and audio output tokens ($0.60 and $12 per million tokens) (OpenAI's model pages, read 2026-12-06).",
  unpublishedGemini:
    "No price for these ids in the provider's pages found on 2026-12-05 (gemini-robotics-er-1.6-preview was shut down on 2026-08-31); a reseller's price would be a guess.",
  videoOutput:
    "Bills its video output tokens at a rate of its own (@pydantic/genai-prices: gemini-omni-flash-preview's at $17.50 per million tokens), which the spans do not count apart: the text rate would be wrong.",
  embeddingInputByModality:
    "Bills image, audio and video input at rates of their own (text $0.20, audio $6.50 per million tokens), which an embedding's span does not count apart: the text rate would be wrong.",
  perItem: "Billed per generated song or clip, not per token (Google's pricing page: Lyria 3.5, $0.08 a full song).",
  launchPrices:
    "The first Realtime API snapshot, billed at launch prices of its own (audio above its successors': its cached audio at $20 per million tokens, where gpt-4o-realtime-preview-2024-12-17 bills $2.50), of which no OpenAI page found on 2026-12-06 gives the whole set; @pydantic/genai-prices prices it as the 2024-12-17 snapshot, which would be a guess.",
  freeTierOnly: "Free of charge on the Gemini API's free tier and not offered on its paid tier (Google's pricing page): there is no paid price.",
};

const reasonOf = new Map(shipped.unpriced?.flatMap((group) => group.models.map((model) => [model, group.reason] as const)));
const sdkIds = [...new Set(SURFACES.flatMap(({ ids }) => ids))];
const allIds = [...new Set([...sdkIds, ...EARLIER_SDK_IDS])];
const priced = (ids: readonly string[]): string[] => ids.filter((id) => table.resolve(id) !== undefined);
const isAlias = (id: string): boolean => ALIASES_OF_THE_NEWEST.includes(id);

describe('the model ids of the installed SDKs', () => {
  it.each(SURFACES)('of $surface are each priced, or listed as knowingly unpriced', ({ ids }) => {
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => table.resolve(id) === undefined && !reasonOf.has(id) && !isAlias(id))).toEqual([]);
  });

  it('number 221 across the fifteen surfaces, read through the type aliases (openai 7.60, @anthropic-ai/sdk 1.17, @google/genai 3.6)', () => {
    // ChatModel 92 + the Responses-only ids 23 + legacy completions 3 + embeddings 3 + ImageModel 14 +
    // AudioModel 6 + SpeechModel 4 + the Realtime API's 17 of its own (of its 19, gpt-audio-mini and
    // its 2025-12-15 snapshot are ChatModel's too) + Anthropic Model 20 + Gemini Model 39; responses.compact names
    // the 115 of responses.create, spelled out in its own union, images.edit the 14 of
    // images.generate (both ImageModel), and audio.translations.create the 6 of
    // audio.transcriptions.create (both AudioModel, though the API translates with whisper-1 only);
    // a Responses API WebSocket's response.create the 115 of responses.create (Shared.ResponsesModel),
    // and the Agents SDK's voice agents (OpenAIRealtimeModels) 15 of the Realtime API's 19.
    // Against openai 7.57, @anthropic-ai/sdk 1.13 and @google/genai 3.3: gpt-6.2-astra and gpt-6.2-sol
    // in ChatModel, gpt-6.2-astra-law among the Responses-only ids, gemini-4-neon; claude-sonnet-4-5
    // and its dated id no longer in Model (EARLIER_SDK_IDS has them).
    expect(SURFACES.map(({ ids }) => ids.length)).toEqual([92, 115, 115, 3, 3, 14, 14, 6, 6, 4, 19, 115, 15, 20, 39]);
    expect(sdkIds).toHaveLength(221);
  });

  it('are priced, 186 of the 221, and 3 more by the model their response names; with the ids earlier SDK releases named, 208 of 243', () => {
    // Unpriced: 6 served only through OpenAI's access programs, claude-mythos-5-2, gpt-6.2-astra-law,
    // 3 of OpenAI's image ids (dall-e-2 and dall-e-3, billed per image; chatgpt-image-latest, no
    // price found), the 4 of SpeechModel (the Speech API reports no usage), and 16 of Gemini's (3
    // billing video output apart, 3 Lyria, 2 Gemma, 8 with no price of the provider's found). The 6
    // of AudioModel are priced: whisper-1 and gpt-transcribe by the audio's duration, the others by
    // their text and audio tokens. Of the Realtime API's 17, all but gpt-4o-realtime-preview-2024-10-01
    // (its launch prices) are priced.
    expect(priced(sdkIds)).toHaveLength(186);
    expect(sdkIds.filter(isAlias)).toHaveLength(3);
    expect(priced(allIds)).toHaveLength(208);
    expect(allIds).toHaveLength(243);
  });

  it("that are aliases of the newest model of a line are priced by the model their response names, and by nothing else", () => {
    for (const alias of ALIASES_OF_THE_NEWEST) {
      expect(table.resolve(alias)).toBeUndefined();
      expect(reasonOf.has(alias)).toBe(false);
      expect(table.match('gemini-3.8-flash', alias, 'gcp.gemini')?.entry.id).toBe('gemini-3.8-flash');
      expect(table.match(undefined, alias, 'gcp.gemini')).toBeUndefined();
    }
  });

  it('that are unpriced each carry one of the factual reasons', () => {
    const reasons = new Set(Object.values(FACTUAL_REASONS));
    const unpriced = allIds.filter((id) => table.resolve(id) === undefined && !isAlias(id));
    expect(unpriced.filter((id) => !reasons.has(reasonOf.get(id) ?? ''))).toEqual([]);
  });

  it('that are listed as unpriced are indeed not priced', () => {
    expect(priced([...reasonOf.keys()])).toEqual([]);
  });

  it('that earlier SDK releases named are all priced', () => {
    expect(EARLIER_SDK_IDS.filter((id) => table.resolve(id) === undefined)).toEqual([]);
  });
});
