// A conversation written out for keeping or sharing: Markdown for people, JSON for programs. The
// renderer offers both as downloads and `history export` prints them; both word it the same way.
import type { ConversationSummary, HistoryEntry } from './records';

export type ExportFormat = 'markdown' | 'json';

export interface ExportLabels {
  you: string;
  assistant: string;
  untitled: string;
  cut: string;
}

export const ENGLISH_EXPORT_LABELS: ExportLabels = { you: 'You', assistant: 'Earshot', untitled: 'Conversation', cut: '(cut short)' };

export function conversationTitle(conversation: Pick<ConversationSummary, 'title' | 'preview'>, untitled: string): string {
  return conversation.title || conversation.preview || untitled;
}

/** ISO time without milliseconds: readable, sortable and the same in every time zone. */
function isoTime(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Markdown: the title, then each exchange under its time; replies keep their own Markdown. */
export function conversationToMarkdown(conversation: Pick<ConversationSummary, 'title' | 'preview'>, turns: readonly HistoryEntry[], labels: ExportLabels = ENGLISH_EXPORT_LABELS): string {
  const parts = [`# ${conversationTitle(conversation, labels.untitled)}`];
  for (const turn of turns) {
    parts.push(`## ${isoTime(turn.at)}`);
    parts.push(`**${labels.you}:** ${turn.transcript}`);
    parts.push(`**${labels.assistant}:** ${turn.reply}${turn.complete ? '' : ` ${labels.cut}`}`);
  }
  return `${parts.join('\n\n')}\n`;
}

/** JSON: the conversation's fields and its turns, times as ISO strings. */
export function conversationToJson(conversation: ConversationSummary, turns: readonly HistoryEntry[]): string {
  const { current: _current, ...rest } = conversation;
  return `${JSON.stringify(
    {
      ...rest,
      createdAt: isoTime(conversation.createdAt),
      updatedAt: isoTime(conversation.updatedAt),
      turns: turns.map((t) => ({ id: t.id, at: isoTime(t.at), transcript: t.transcript, reply: t.reply, language: t.language, complete: t.complete })),
    },
    null,
    2,
  )}\n`;
}

/** A file name from the title: letters, digits and dashes only. */
export function exportFileName(conversation: Pick<ConversationSummary, 'title' | 'preview' | 'createdAt'>, format: ExportFormat): string {
  const base =
    (conversation.title || conversation.preview)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'conversation';
  return `${base}-${isoTime(conversation.createdAt).slice(0, 10)}.${format === 'json' ? 'json' : 'md'}`;
}
