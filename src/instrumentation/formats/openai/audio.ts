import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_OPENAI_USAGE_PROMPT_TOKENS_DETAILS_AUDIO_TOKENS,
  ATTR_OPENAI_USAGE_SECONDS,
} from '../../../semconv.js';
import { fields } from '../../api-fields.js';
import { readAllOrNone, type AttributeTable } from '../../attribute-table.js';
import type { ObservedCall, Surface } from '../../provider-contract.js';
import { SPEECH_CONTENT, TRANSCRIPTION_CONTENT } from './content.js';
import { OPENAI_ERROR_CODES } from './response-fields.js';

/**
 * The Audio API as the `openai` SDK calls it: `audio.transcriptions.create` (POST
 * /audio/transcriptions, a multipart upload; whole, or streamed with `stream: true`: text deltas,
 * then one `transcript.text.done` event with the usage), `audio.translations.create` (POST
 * /audio/translations, whole) and `audio.speech.create` (POST /audio/speech, whose response is the
 * audio). The responses name no model and no id: the request's model prices the call. The audio
 * itself, uploaded or returned, is never read.
 */

const TRANSCRIPTION_REQUEST: AttributeTable = [
  [ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model'],
  [ATTR_GEN_AI_REQUEST_TEMPERATURE, ['temperature'], 'number'],
  [ATTR_GEN_AI_REQUEST_STREAM, ['stream'], 'boolean'],
];

/**
 * A transcription's `usage`, of one of two kinds (its `type`): `tokens`, for the models billed by
 * the token (input tokens of audio and text, `input_token_details.audio_tokens` of them audio;
 * output tokens), or `duration`, for those billed by the minute of audio (`seconds`). Each kind
 * has only its own fields, so one table reads both.
 */
const TRANSCRIPTION_USAGE: AttributeTable = [
  [ATTR_GEN_AI_USAGE_INPUT_TOKENS, ['input_tokens'], 'count'],
  [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ['output_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_PROMPT_TOKENS_DETAILS_AUDIO_TOKENS, ['input_token_details', 'audio_tokens'], 'count'],
  [ATTR_OPENAI_USAGE_SECONDS, ['seconds'], 'number'],
];

/** Writes a transcription's usage, whole or not at all. A response in `text`, `srt` or `vtt` format is the transcript alone: it has none. */
function readTranscriptionUsage(call: ObservedCall, usage: unknown): void {
  const attributes: Attributes = {};
  if (readAllOrNone(TRANSCRIPTION_USAGE, usage, attributes)) call.setAttributes(attributes);
}

/** A transcription's whole body, or the Realtime API's `conversation.item.input_audio_transcription.completed` event: both carry the usage in `usage`. */
export function readTranscription(call: ObservedCall, body: unknown): void {
  readTranscriptionUsage(call, fields(body).usage);
}

/** An event of a streamed transcription: only the `transcript.text.done` one carries the usage. */
function readTranscriptionEvent(call: ObservedCall, event: unknown): void {
  const { type, usage } = fields(event);
  if (type === 'transcript.text.done') readTranscriptionUsage(call, usage);
}

/** A transcription, or a translation into English (whisper-1, not streamed): the same fields. */
export const TRANSCRIPTION: Surface = {
  operation: 'generate_content',
  request: TRANSCRIPTION_REQUEST,
  errorCodes: OPENAI_ERROR_CODES,
  readResponse: readTranscription,
  readStreamEvent: readTranscriptionEvent,
  content: TRANSCRIPTION_CONTENT,
};

const SPEECH_REQUEST: AttributeTable = [[ATTR_GEN_AI_REQUEST_MODEL, ['model'], 'model']];

/** Speech is audio: the conventions' `gen_ai.output.type` says so. */
function readSpeechRequest(_body: unknown, attributes: Attributes): void {
  attributes[ATTR_GEN_AI_OUTPUT_TYPE] = 'speech';
}

/** The response of a speech call is the audio, as the app reads it: nothing to read here, no usage. */
function readNothing(): void {}

/**
 * A speech call (text to speech). Its response reports no usage (the models bill by the character
 * or by tokens it does not count): the span records the call and the shape of its text, and the
 * cost processor leaves it unpriced.
 */
export const SPEECH: Surface = {
  operation: 'generate_content',
  request: SPEECH_REQUEST,
  readRequest: readSpeechRequest,
  errorCodes: OPENAI_ERROR_CODES,
  readResponse: readNothing,
  readStreamEvent: readNothing,
  content: SPEECH_CONTENT,
};
