import { type PartitionStart, judgeStart } from './partition-start';

const SELF = 'member-now';
const began = (offset: string, startedBy = 'member-before'): PartitionStart => ({ offset, handled: false, startedBy });
const trying = (offset: string, handled: boolean, startedBy = 'member-before'): PartitionStart => ({ offset, eventId: `evt-${offset}`, handled, startedBy });

describe('the start a partition\'s new owner finds', () => {
  it('given none, or one this consumer wrote, then nothing is counted', () => {
    expect(judgeStart(undefined, '5', SELF)).toEqual({ kind: 'handed-over' });
    expect(judgeStart(began('5', SELF), '5', SELF)).toEqual({ kind: 'handed-over' });
    expect(judgeStart(trying('5', false, SELF), '5', SELF)).toEqual({ kind: 'handed-over' });
  });

  it('given a batch begun where this one begins, then the member before committed nothing past it: the batch goes one message at a time', () => {
    expect(judgeStart(began('5'), '5', SELF)).toEqual({ kind: 'unfinished' });
  });

  it('given a batch begun before where this one begins, then the member before moved past it', () => {
    expect(judgeStart(began('5'), '9', SELF)).toEqual({ kind: 'handed-over' });
  });

  it('given a message tried alone and not handled, its offset not committed, then its process ended in that try', () => {
    expect(judgeStart(trying('7', false), '7', SELF)).toEqual({ kind: 'ended-in', offset: '7', eventId: 'evt-7' });
    expect(judgeStart(trying('7', false), '5', SELF)).toEqual({ kind: 'ended-in', offset: '7', eventId: 'evt-7' });
    expect(judgeStart(trying('7', false), '8', SELF)).toEqual({ kind: 'handed-over' });
  });

  it('given a message tried alone and handled, then its member began again after it', () => {
    expect(judgeStart(trying('7', true), '8', SELF)).toEqual({ kind: 'unfinished' });
    expect(judgeStart(trying('7', true), '7', SELF)).toEqual({ kind: 'handed-over' });
    expect(judgeStart(trying('7', true), '12', SELF)).toEqual({ kind: 'handed-over' });
  });
});
