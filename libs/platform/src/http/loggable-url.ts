import { redactPersonalData } from '@cs/privacy';

/** Query parameters that carry personal data by name: their values never reach a log line. */
const PERSONAL_PARAMETERS = new Set(['phone', 'email', 'name', 'idnumber', 'idcard', 'address', 'mobile']);

/**
 * The request URL as it may be logged: personal parameters masked whole, every other value
 * redacted like free text (a search box can hold a dictated phone number).
 */
export function loggableUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const path = url.slice(0, queryAt);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(url.slice(queryAt + 1));
  } catch {
    return `${path}?…`;
  }
  const shown = [...params].map(([key, value]) => {
    const masked = PERSONAL_PARAMETERS.has(key.toLowerCase()) ? '***' : redactPersonalData(value);
    return `${encodeURIComponent(key)}=${encodeURIComponent(masked).replace(/%2A/g, '*')}`;
  });
  return shown.length > 0 ? `${path}?${shown.join('&')}` : path;
}
