import { ChineseAnalyzer } from '../infrastructure/search/chinese-analyzer';
import { highlightedSnippet } from './search-terms';

const analyzer = new ChineseAnalyzer();
/** Half an emoji: what a cut inside a surrogate pair leaves. */
const LONE_SURROGATE = /\p{Cs}/u;

describe('a search hit’s snippet', () => {
  it('given emoji where the passage around the first match begins and ends, then it is cut between characters, the emoji whole or left out', () => {
    // The passage starts 20 UTF-16 units before the match (inside the first emoji) and ends 80 after its start (inside the second).
    const text = `${'停'.repeat(9)}🚗${'车'.repeat(19)}物业费${'缴'.repeat(56)}🏠${'纳'.repeat(10)}`;
    const snippet = highlightedSnippet(analyzer, text, ['物业费']);
    expect(snippet).not.toMatch(LONE_SURROGATE);
    expect(snippet).toBe(`…🚗${'车'.repeat(19)}<mark>物业费</mark>${'缴'.repeat(56)}…`);
  });
});
