import { describe, expect, it } from 'vitest';
import { conversationToJson, conversationToMarkdown, exportFileName } from '../../src/shared/conversation-export';
import type { ConversationSummary, HistoryEntry } from '../../src/shared/records';

const conversation: ConversationSummary = { id: 'c1', title: '', preview: 'Plan my day', createdAt: Date.UTC(2026, 11, 5, 9), updatedAt: Date.UTC(2026, 11, 5, 9, 5), turns: 2, current: true };
const turns: HistoryEntry[] = [
  { id: 't1', at: Date.UTC(2026, 11, 5, 9, 0, 1, 500), transcript: 'Plan my day', reply: '- buy **milk**', language: 'en', complete: true },
  { id: 't2', at: Date.UTC(2026, 11, 5, 9, 5), transcript: 'And then?', reply: 'Rest', language: 'en', complete: false },
];

describe('conversation export', () => {
  it('writes Markdown with the title, times, both sides and the reply\'s own Markdown', () => {
    expect(conversationToMarkdown(conversation, turns)).toBe(
      '# Plan my day\n\n## 2026-12-05T09:00:01Z\n\n**You:** Plan my day\n\n**Earshot:** - buy **milk**\n\n## 2026-12-05T09:05:00Z\n\n**You:** And then?\n\n**Earshot:** Rest (cut short)\n',
    );
  });

  it('writes JSON a program can read back, without the app-only "current" flag', () => {
    const parsed = JSON.parse(conversationToJson(conversation, turns)) as Record<string, unknown>;
    expect(parsed).toMatchObject({ id: 'c1', preview: 'Plan my day', createdAt: '2026-12-05T09:00:00Z', turns: [{ id: 't1', reply: '- buy **milk**' }, { complete: false }] });
    expect(parsed).not.toHaveProperty('current');
  });

  it('names the file from the title without accents or symbols', () => {
    expect(exportFileName({ ...conversation, title: 'Férias: São Paulo!' }, 'markdown')).toBe('ferias-sao-paulo-2026-12-05.md');
    expect(exportFileName({ ...conversation, title: '', preview: '' }, 'json')).toBe('conversation-2026-12-05.json');
  });
});
