import { HISTORY_ACTIONS } from '../domain/history-actions';
import { historyOf } from './ticket-history';

const at = new Date('2026-03-02T02:00:00Z');

describe('historyOf', () => {
  it('records a person’s request as the action asked, with its details', () => {
    const entry = historyOf({ action: 'dispatch', command: { type: 'dispatch', department: 'engineering' }, note: '先派工程部' }, [], 'u-agent');
    expect(entry).toEqual({ actor: 'u-agent', action: 'dispatch', details: { department: 'engineering', note: '先派工程部' } });
  });

  it('records a handling step as the event it caused, without its stamp', () => {
    const entry = historyOf({ action: 'approve_reply', text: '同意答复' }, [{ type: 'reply_approved', at, by: 'u-sup', text: '同意答复' }], 'u-sup');
    expect(entry).toEqual({ actor: 'u-sup', action: 'reply_approved', details: { text: '同意答复' } });
  });

  it('records nothing for a step whose decision caused no step event', () => {
    expect(historyOf({ action: 'approve_reply', text: '同意答复' }, [], 'u-sup')).toBeUndefined();
  });

  it('names each action once in the documented set', () => {
    expect(new Set(HISTORY_ACTIONS).size).toBe(HISTORY_ACTIONS.length);
  });
});
