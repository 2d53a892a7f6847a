// What the "Conversations" list can ask for, as components see it; conversations/conversation-actions.ts
// carries it out.
import type { ExportFormat, ExportLabels } from '../../../shared/conversation-export';

export interface ExportedFile {
  name: string;
  type: string;
  text: string;
}

export interface ConversationActions {
  refresh(): Promise<void>;
  /** Starts a new conversation and shows it (empty). */
  startNew(): Promise<void>;
  /** Makes a conversation current and shows its turns. */
  open(id: string): Promise<void>;
  rename(id: string, title: string): Promise<boolean>;
  /** Hides it at once and deletes it when the undo window closes (or another delete starts). */
  remove(id: string): Promise<void>;
  undoRemove(): Promise<void>;
  search(query: string): Promise<void>;
  exportConversation(id: string, format: ExportFormat, labels: ExportLabels): Promise<ExportedFile | null>;
}
