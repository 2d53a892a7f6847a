// Messages between a Whisper worker thread and the engine that owns it (whisper-worker-client.ts).
import type { ErrorInfo } from '../../../../shared/errors';
import type { TranscribeOptions, Transcription } from '../types';
import type { WhisperSpeechToTextOptions } from './whisper-stt';

/** What the worker builds its engine from: the options minus the logger, which cannot cross. */
export type WhisperWorkerInit = Omit<WhisperSpeechToTextOptions, 'logger'>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type WhisperWorkerRequest =
  | { type: 'warm'; id: number; beamSize?: number }
  /** The audio's buffer is transferred: the sender must not reuse it. */
  | { type: 'transcribe'; id: number; audio: Float32Array; options: Omit<TranscribeOptions, 'signal'> }
  | { type: 'abort'; id: number };

export type WhisperWorkerReply =
  | { type: 'warmed'; id: number; engineId: string }
  | { type: 'transcribed'; id: number; transcription: Transcription }
  | { type: 'failed'; id: number; error: ErrorInfo; aborted: boolean }
  | { type: 'log'; level: LogLevel; message: string; fields?: Record<string, unknown> };
