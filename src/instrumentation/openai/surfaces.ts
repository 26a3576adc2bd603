import type { SurfacePatch } from '../provider-contract.js';
import { openaiApiFormat } from '../formats/openai/lazy-openai-api.js';
import { IMAGES } from './images.js';
import { CANCEL, COMPACT, RESPONSES, RETRIEVE } from './responses-api.js';

const { CHAT, COMPLETIONS, EMBEDDINGS, SPEECH, TRANSCRIPTION } = openaiApiFormat();

/**
 * The resource classes whose `create` is wrapped (and `compact`, `retrieve` and `cancel` of
 * `Responses`, `generate` and `edit` of `Images`), by their path from the `OpenAI` class. The
 * helpers (`chat.completions.parse`, `.stream()`, `.runTools()`, `responses.parse`,
 * `responses.stream()`, and 4.x's `beta.chat.completions.*`) call these `create`s, so each of
 * their API calls has its span from here.
 */
export const OPENAI_SURFACES: readonly SurfacePatch[] = [
  { resourcePath: ['Chat', 'Completions'], surface: CHAT },
  { resourcePath: ['Responses'], surface: RESPONSES },
  // Compaction bills its tokens too (openai 6.10 on; a release without the method leaves it untraced).
  { resourcePath: ['Responses'], method: 'compact', surface: COMPACT },
  // A background response's usage comes back on a retrieval, or on its cancellation.
  { resourcePath: ['Responses'], method: 'retrieve', surface: RETRIEVE },
  { resourcePath: ['Responses'], method: 'cancel', surface: CANCEL },
  { resourcePath: ['Completions'], surface: COMPLETIONS },
  { resourcePath: ['Embeddings'], surface: EMBEDDINGS },
  // The Images API (its retired `createVariation` accepts no request): GPT image models bill tokens.
  { resourcePath: ['Images'], method: 'generate', surface: IMAGES },
  { resourcePath: ['Images'], method: 'edit', surface: IMAGES },
  // The Audio API: transcriptions bill tokens or the minutes of audio; speech reports no usage.
  { resourcePath: ['Audio', 'Transcriptions'], surface: TRANSCRIPTION },
  { resourcePath: ['Audio', 'Translations'], surface: TRANSCRIPTION },
  { resourcePath: ['Audio', 'Speech'], surface: SPEECH },
];
