import { ChineseAnalyzer } from './chinese-analyzer';

const analyzer = new ChineseAnalyzer();
const terms = (text: string) => {
  const { words, pinyin } = analyzer.analyse(text);
  return [...words, ...pinyin];
};

describe('ChineseAnalyzer', () => {
  it('given a company term, when segmenting, then it stays one word and stop words are dropped', () => {
    expect(analyzer.words('物业费怎么交')).toEqual(['物业费', '物业', '交']);
    expect(terms('公共维修基金怎么查询')).toEqual(expect.arrayContaining(['公共维修基金', '维修基金', '查询']));
  });

  it('given traditional characters or full-width letters, when analysing, then the terms are simplified and half-width', () => {
    expect(terms('裝修押金怎麼退？')).toEqual(expect.arrayContaining(['装修押金', '退']));
    expect(terms('ＷｉＦｉ 密碼')).toEqual(expect.arrayContaining(['wifi', '密码']));
  });

  it('given texts normalised before, when normalised again, then each gets its own normal form, however long', () => {
    // Same lengths, different texts: a kept form must never answer for another text.
    const texts = ['物業費', '物业费', '管理費', 'ＷｉＦｉ', 'wifi', '', '裝修押金'.repeat(6_000), '裝修押金'.repeat(30_000)];
    const expected = ['物业费', '物业费', '管理费', 'wifi', 'wifi', '', '装修押金'.repeat(6_000), '装修押金'.repeat(30_000)];
    expect(texts.map((t) => analyzer.normalise(t))).toEqual(expected);
    expect(texts.map((t) => analyzer.normalise(t))).toEqual(expected);
  });

  it('given a numbered building, when analysing, then "3栋" is a term as well as the lift', () => {
    expect(terms('3栋 电梯坏了')).toEqual(expect.arrayContaining(['3栋', '电梯']));
  });

  it('given a Chinese word, then its pinyin and initials are terms', () => {
    expect(analyzer.analyse('物业费').pinyin).toEqual(expect.arrayContaining(['wuyefei', 'wyf']));
  });

  it('given characters the dictionary does not know, then their bigrams are terms', () => {
    expect(analyzer.words('鑫垚淼')).toEqual(expect.arrayContaining(['鑫垚', '垚淼']));
  });

  it('given a term added later, then it is segmented whole', () => {
    expect(analyzer.words('翠湖苑停车')).not.toContain('翠湖苑');
    analyzer.addTerms(['翠湖苑']);
    expect(analyzer.words('翠湖苑停车')).toContain('翠湖苑');
  });

  it('given terms holding whitespace \\s misses (NEL) or lone surrogates, when adding them, then they load and are segmented whole', () => {
    expect(() => analyzer.addTerms(['dd$\u0085O', '\uda9d\ude06:', '\u00b7\ud83c\udffb', '碧水\u0085湾'])).not.toThrow();
    expect(analyzer.words('碧水湾停车')).toContain('碧水湾');
  });
});
