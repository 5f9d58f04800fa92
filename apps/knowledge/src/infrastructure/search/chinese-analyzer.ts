import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { LRUCache } from 'lru-cache';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { COMPANY_TERMS } from './company-terms';

/** Words that carry no meaning of their own in a question; matching on them ranks noise. */
const STOP_WORDS = new Set(
  (
    '的 了 吗 呢 啊 吧 呀 么 嘛 是 在 我 你 他 她 它 我们 你们 他们 我家 请问 问 想 想问 知道 怎么 怎么办 怎样 如何 什么 为什么 ' +
    '哪里 哪儿 哪 多少 几 可以 可不可以 能 能不能 会 要 需要 一下 这个 那个 这 那 有 有没有 没 和 与 及 或 就 都 也 还 请 您 好 ' +
    '谢谢 一个 个 吧 呢 啦 哦 嗯 又 再 把 被 给 让 对 从 到 时候 现在 已经 一直 为 因为 所以 但是 如果 然后 就是 还是 不 不能 没有 ' +
    '大概 具体 情况 问题 一般 关于 应该 得 地 着 过 之 其 该 咋 咋办 咋样 啥 怎么样 能否 是否 麻烦 你好 您好 一下子 下 吗 呗 哈'
  ).split(/\s+/),
);

const CJK = /\p{Script=Han}/u;
const CJK_ONLY = /^\p{Script=Han}+$/u;
/**
 * Digits with the unit they count in an address (3栋, 12层, 2单元, 1期): one token, as customers say it.
 * Read from the first digit of a run only: from each, a long run with no unit was read again to its end.
 */
const NUMBERED_UNIT = /(?<!\d)(\d+)\s*(栋|幢|号楼|楼|层|单元|室|期|座|号)/gu;

const toSimplified = [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })];

/**
 * Normalised texts kept, by their length in characters: a search normalises every synonym and,
 * for each hit, the answer's text, its questions and its snippet — the same strings over and
 * over — and OpenCC's conversion was a tenth of a search's CPU. Bounded in entries too, as a
 * question is normalised as well and distinct short questions would otherwise pile up entries
 * whose bookkeeping outweighs their characters.
 */
const NORMALISED_CHARACTERS = 4_000_000;
const NORMALISED_ENTRIES = 50_000;
/** An answer's whole text (title, questions, tags and a body of up to 20,000 characters) fits. */
const LONGEST_KEPT = 50_000;

/** Search terms of a text, by where they came from: ranking weighs words above their pinyin. */
export interface AnalysedText {
  readonly words: readonly string[];
  readonly pinyin: readonly string[];
}

/**
 * The Chinese analysis shared by indexing and querying, so both sides see the same terms: full-
 * width to half-width and lower case, traditional to simplified (OpenCC), segmentation (jieba
 * with the company's terms), character bigrams where the segmenter falls back to single
 * characters (words it does not know), numbered units (3栋), and the pinyin and its initials of
 * every Chinese word, so an agent typing `wuyefei` or `wyf` finds 物业费.
 */
export class ChineseAnalyzer {
  private readonly jieba = Jieba.withDict(dict);
  private readonly known = new Set<string>();
  private readonly normalised = new LRUCache<string, string>({
    max: NORMALISED_ENTRIES,
    maxSize: NORMALISED_CHARACTERS,
    // A text longer is converted every time: the cache does not store what exceeds this.
    maxEntrySize: 2 * LONGEST_KEPT,
    // lru-cache refuses a size of 0, which the empty text would have.
    sizeCalculation: (value, key) => Math.max(1, key.length + value.length),
  });

  constructor(terms: readonly string[] = COMPANY_TERMS) {
    this.addTerms(terms);
  }

  /** Words the segmenter keeps whole from now on (company terms, synonyms an admin entered). */
  addTerms(terms: readonly string[]): void {
    // The dictionary is lines of whitespace-separated fields, whitespace as Unicode defines it
    // (NEL, U+0085, too, which `\s` misses): a term keeps none, or its line splits into fields
    // the segmenter cannot read and the whole load fails.
    const fresh = [...new Set(terms.map((t) => this.normalise(t).replace(/\p{White_Space}+/gu, '')))].filter((t) => t.length > 1 && !this.known.has(t));
    if (fresh.length === 0) return;
    // A high frequency makes the segmenter prefer the whole term over splitting it.
    this.jieba.loadDict(Buffer.from(fresh.map((t) => `${t} 100000 n`).join('\n'), 'utf8'));
    fresh.forEach((t) => this.known.add(t));
  }

  normalise(text: string): string {
    const kept = this.normalised.get(text);
    if (kept !== undefined) return kept;
    const halfWidth = text.normalize('NFKC').toLowerCase();
    const simplified = toSimplified.reduce((s, convert) => convert(s), halfWidth);
    this.normalised.set(text, simplified);
    return simplified;
  }

  /** The words of a text, stop words dropped, in order, with bigrams over runs of unknown single characters. */
  words(text: string): string[] {
    const normalised = this.normalise(text);
    const out: string[] = [];
    for (const match of normalised.matchAll(NUMBERED_UNIT)) out.push(`${match[1]}${match[2]}`);
    const pieces = this.jieba.cut(normalised, false).map((p) => p.trim()).filter((p) => /[\p{L}\p{N}]/u.test(p));
    let run: string[] = [];
    const flushRun = () => {
      for (let i = 0; i + 1 < run.length; i++) out.push(run[i]! + run[i + 1]!);
      run = [];
    };
    for (const piece of pieces) {
      const single = piece.length === 1 && CJK.test(piece);
      if (single && !STOP_WORDS.has(piece)) run.push(piece);
      else flushRun();
      if (STOP_WORDS.has(piece)) continue;
      out.push(...this.subWords(piece));
    }
    flushRun();
    return out.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 0);
  }

  /** A long word and the known words inside it, so 公共维修基金 also finds 维修基金. */
  private subWords(piece: string): string[] {
    if (!CJK_ONLY.test(piece) || piece.length < 3) return [piece];
    // The segmenter's search mode looks inside a word for dictionary words of two and three
    // characters only; the company's longer terms are looked for here.
    const knownInside: string[] = [];
    for (let length = 4; length < piece.length; length++) {
      for (let start = 0; start + length <= piece.length; start++) {
        const inner = piece.slice(start, start + length);
        if (this.known.has(inner)) knownInside.push(inner);
      }
    }
    return [piece, ...knownInside, ...this.jieba.cutForSearch(piece, false).filter((w) => w !== piece && w.length > 1 && !STOP_WORDS.has(w))];
  }

  /** Words and their pinyin: what a text is indexed and queried by. */
  analyse(text: string): AnalysedText {
    const words = unique(this.words(text));
    const spelled = words.filter((w) => CJK_ONLY.test(w) && w.length > 1).flatMap((w) => pinyinOf(w));
    return { words, pinyin: unique(spelled) };
  }
}

export function pinyinOf(word: string): string[] {
  const full = pinyin(word, { toneType: 'none', separator: '', v: true }).replace(/\s+/g, '');
  const initials = pinyin(word, { pattern: 'first', toneType: 'none', separator: '' }).replace(/\s+/g, '');
  return [full, initials];
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Whether a query term is in Latin letters only: pinyin or an English word, matched as a prefix. */
export function isLatin(term: string): boolean {
  return /^[a-z]+$/.test(term);
}
