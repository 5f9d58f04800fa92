import { createHash } from 'node:crypto';
import { SATISFACTION_LEVELS } from '@cs/contracts';

const LABELS: Record<(typeof SATISFACTION_LEVELS)[number], string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  neutral: '一般',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};

/** What the customer reads when the link cannot be answered, by the refusal's code. */
const UNAVAILABLE: Readonly<Record<string, string>> = {
  'QUESTIONNAIRE.EXPIRED': '该问卷链接已过期。',
  'QUESTIONNAIRE.ANSWERED': '该问卷已提交，感谢您的评价！',
  'QUESTIONNAIRE.CLOSED': '该问卷已无需填写，感谢您的关注！',
  'QUESTIONNAIRE.NOT_FOUND': '该问卷链接无效。',
};
const TOO_MANY = '提交过于频繁，请稍后再试。';
const FAILED = '提交失败，请稍后再试。';
const SENT = '提交成功，感谢您的评价！';

const STYLE = `body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;max-width:480px;margin:auto;color:#222}
h1{font-size:20px}fieldset{border:0;padding:0;margin:0 0 16px}label{display:block;padding:10px;margin:6px 0;border:1px solid #ddd;border-radius:8px}
textarea,select{width:100%;box-sizing:border-box;font-size:16px;padding:8px;margin-top:4px}button{width:100%;padding:14px;font-size:18px;border:0;border-radius:8px;background:#1677ff;color:#fff}
.msg{padding:12px;border-radius:8px;background:#f6f6f6}`;

// The answer goes by the page's own POST; a refusal is told in the customer's words, by its code.
const SCRIPT = `
var MESSAGES = ${JSON.stringify(UNAVAILABLE)};
document.getElementById('q').addEventListener('submit', async function (e) {
  e.preventDefault();
  var f = new FormData(e.target), body = { satisfaction: f.get('satisfaction') };
  ['score', 'serviceScore'].forEach(function (k) { if (f.get(k)) body[k] = Number(f.get(k)); });
  ['comment', 'newNeeds'].forEach(function (k) { if (f.get(k)) body[k] = f.get(k); });
  var r = document.getElementById('r'), text;
  try {
    var res = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    var problem = res.ok ? {} : await res.json().catch(function () { return {}; });
    text = res.ok ? ${JSON.stringify(SENT)} : MESSAGES[problem.code] || (res.status === 429 ? ${JSON.stringify(TOO_MANY)} : ${JSON.stringify(FAILED)});
    if (res.ok || MESSAGES[problem.code]) e.target.hidden = true;
  } catch (error) {
    text = ${JSON.stringify(FAILED)};
  }
  r.hidden = false;
  r.textContent = text;
});
`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The headers both pages go out with. The link is the customer's secret, carried in the path:
 * the page loads nothing from elsewhere and sends no Referer, so the link stays on the page; it
 * runs only its own script and style (by their hashes), talks only to its own origin, and is
 * not shown inside another site's frame, where a look-alike page could ask for the answer.
 */
export const QUESTIONNAIRE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': [
    "default-src 'none'",
    `script-src ${sha256(SCRIPT)}`,
    `style-src ${sha256(STYLE)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function page(body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>服务回访问卷</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * The questionnaire as a small mobile page. It records nothing by being opened: the answer is
 * sent by the page's own POST, which a link scanner does not make.
 */
export function questionnairePage(): string {
  const options = SATISFACTION_LEVELS.map((s) => `<label><input type="radio" name="satisfaction" value="${s}" required> ${LABELS[s]}</label>`).join('');
  const scores = ['', '1', '2', '3', '4', '5'].map((v) => `<option value="${v}">${v || '请选择'}</option>`).join('');
  return page(`<h1>服务回访问卷</h1><p>感谢您使用我们的服务，请对本次处理进行评价。</p>
<form id="q"><fieldset><legend>您对本次处理结果是否满意？</legend>${options}</fieldset>
<p>处理评分（1–5）<select name="score">${scores}</select></p><p>服务评分（1–5）<select name="serviceScore">${scores}</select></p>
<p>意见或建议<textarea name="comment" maxlength="1000" rows="3"></textarea></p><p>还有其他需要我们帮助的吗？<textarea name="newNeeds" maxlength="2000" rows="3"></textarea></p>
<button type="submit">提交</button></form><p id="r" class="msg" hidden></p>
<script>${SCRIPT}</script>`);
}

/** What the customer is told when the page is refused for the moment (too many requests, a dependency down): when to try again. */
function tryAgainLater(status: number, retryAfterSeconds: number | undefined): string {
  const why = status === 429 ? '访问过于频繁' : '系统繁忙';
  return `${why}，${retryAfterSeconds === undefined ? '请稍后' : `请约 ${retryAfterSeconds} 秒后`}刷新本页面。`;
}

/**
 * Why the form is not shown, by the refusal's code and status: an unknown, expired or already
 * answered link in the words its code has; any other request refused (a malformed link) as an
 * invalid link; too many requests, or the service unable to answer, as a wait of `retryAfterSeconds`.
 */
export function questionnaireRefusalPage(refusal: { readonly status: number; readonly code: string }, retryAfterSeconds?: number): string {
  const known = UNAVAILABLE[refusal.code];
  const text = known ?? (refusal.status === 429 || refusal.status >= 500 ? tryAgainLater(refusal.status, retryAfterSeconds) : UNAVAILABLE['QUESTIONNAIRE.NOT_FOUND']!);
  return page(`<h1>服务回访问卷</h1><p class="msg">${text}</p>`);
}
