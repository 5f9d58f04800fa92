import { SATISFACTION_LEVELS } from '@cs/contracts';

const LABELS: Record<(typeof SATISFACTION_LEVELS)[number], string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  neutral: '一般',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};

const STYLE = `body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;max-width:480px;margin:auto;color:#222}
h1{font-size:20px}fieldset{border:0;padding:0;margin:0 0 16px}label{display:block;padding:10px;margin:6px 0;border:1px solid #ddd;border-radius:8px}
textarea,select{width:100%;box-sizing:border-box;font-size:16px;padding:8px;margin-top:4px}button{width:100%;padding:14px;font-size:18px;border:0;border-radius:8px;background:#1677ff;color:#fff}
.msg{padding:12px;border-radius:8px;background:#f6f6f6}`;

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
<script>
document.getElementById('q').addEventListener('submit', async function (e) {
  e.preventDefault();
  var f = new FormData(e.target), body = { satisfaction: f.get('satisfaction') };
  ['score', 'serviceScore'].forEach(function (k) { if (f.get(k)) body[k] = Number(f.get(k)); });
  ['comment', 'newNeeds'].forEach(function (k) { if (f.get(k)) body[k] = f.get(k); });
  var res = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  var r = document.getElementById('r');
  r.hidden = false;
  r.textContent = res.ok ? '提交成功，感谢您的评价！' : '提交失败：' + ((await res.json().catch(function () { return {}; })).detail || res.status);
  if (res.ok) e.target.hidden = true;
});
</script>`);
}

/** Why the form is not shown: an unknown, expired or already answered link. */
export function questionnaireUnavailablePage(code: string): string {
  const text = code === 'QUESTIONNAIRE.EXPIRED' ? '该问卷链接已过期。' : code === 'QUESTIONNAIRE.ANSWERED' ? '该问卷已提交，感谢您的评价！' : '该问卷链接无效。';
  return page(`<h1>服务回访问卷</h1><p class="msg">${text}</p>`);
}
