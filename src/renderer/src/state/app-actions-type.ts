// What the interface can ask for, as components see it; app/app-actions.ts carries it out.
import type { ErrorInfo } from '../../../shared/errors';
import type { CacheKind } from '../../../shared/records';
import type { PresetName } from '../../../shared/settings';
import type { ConversationActions } from './conversation-actions-type';

export interface AppActions {
  press(): void;
  release(): void;
  ask(text: string): Promise<boolean>;
  setSettingsOpen(open: boolean): void;
  /** Sends a settings patch; resolves to the error when main refused it. */
  updateSettings(patch: Record<string, unknown>): Promise<ErrorInfo | null>;
  /** Whether main applied it (a refusal is shown as a banner). */
  applyPreset(preset: PresetName): Promise<boolean>;
  refreshCache(): Promise<void>;
  clearCache(kind?: CacheKind): Promise<void>;
  refreshMemories(): Promise<void>;
  updateMemory(id: number, text: string): Promise<boolean>;
  deleteMemory(id: number): Promise<void>;
  refreshSetup(): Promise<void>;
  requestMicrophone(): Promise<void>;
  fetchModel(id: string): Promise<void>;
  pullModel(name: string): Promise<void>;
  cancelDownload(id: string): Promise<void>;
  conversations: ConversationActions;
}
