import { isIP } from 'node:net';
import { redactIdentifiersInFileName } from './redact';

/**
 * An address (a stored file's, a call recording's) with the phones, e-mails and ID numbers it holds
 * masked, as a reader without a purpose sees it: a store often keys a file by the name its
 * sender gave it (…/张三-13812345678.jpg), files by who sent them (…/13812345678/leak.jpg), and an
 * uploader tags the address with who it was for (?owner=zhang.san%40example.com). Each folder, the
 * file name, each name and value of the query and the fragment are masked one by one, so a mask
 * never reaches across a `/`, `\`, `&` or `=` and the address stays well-formed, and so is a user
 * before the host (https://13812345678@…); a password after it is all stars. The scheme stays as
 * stored, and so does the host but for a phone or an ID number in it (zhangsan-13812345678.oss-cn-hangzhou.aliyuncs.com, a
 * bucket or a share's server named by whom it holds): the reader still sees where the file is
 * kept, a company's bucket being no one's. An address unchanged by masking is returned as is.
 */
export function redactIdentifiersInUrl(uri: string): string {
  const { authorityStart, pathStart } = authorityOf(uri);
  const fragmentAt = uri.indexOf('#', pathStart);
  const beforeFragment = fragmentAt === -1 ? uri.slice(pathStart) : uri.slice(pathStart, fragmentAt);
  const queryAt = beforeFragment.indexOf('?');
  const path = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
  // The user's part of the authority (https://13812345678:secret@host) is the sender's, not where the file is kept.
  const userinfoEnd = uri.slice(authorityStart, pathStart).lastIndexOf('@');
  const masked = [
    uri.slice(0, authorityStart),
    userinfoEnd === -1 ? '' : `${maskedUserinfo(uri.slice(authorityStart, authorityStart + userinfoEnd))}@`,
    maskedHost(uri.slice(userinfoEnd === -1 ? authorityStart : authorityStart + userinfoEnd + 1, pathStart)),
    path.replace(PATH_SEGMENT, (segment) => maskedComponent(segment)),
    queryAt === -1 ? '' : `?${maskedQuery(beforeFragment.slice(queryAt + 1))}`,
    fragmentAt === -1 ? '' : `#${maskedComponent(uri.slice(fragmentAt + 1))}`,
  ].join('');
  return masked === uri ? uri : masked;
}

/**
 * A user and password (zhang.san%40example.com:secret): the user masked as a folder is, the password,
 * after the first `:`, all stars, whatever it is (a password opens the store to whoever reads it, and
 * no rule tells one from a name), three of them or one for each of a shorter one's characters, so
 * its length is not shown and the address never grows. An empty password is left empty.
 */
function maskedUserinfo(userinfo: string): string {
  const colon = userinfo.indexOf(':');
  if (colon === -1) return maskedComponent(userinfo);
  const password = userinfo.slice(colon + 1);
  return `${maskedComponent(userinfo.slice(0, colon))}:${'*'.repeat(Math.min(password.length, HIDDEN_PASSWORD.length))}`;
}

const HIDDEN_PASSWORD = '***';

/**
 * The host (and port): an IP address is where the file is kept, never whom it is about, and its
 * digits read across the dots (192.168.10.100 as 19216810100) are shaped like a mobile number;
 * a name is masked as a folder is.
 */
function maskedHost(host: string): string {
  return isIP(withoutPort(host)) !== 0 ? host : maskedComponent(host);
}

/** `192.168.10.100:8443` → `192.168.10.100`, `[fd00::1]:8443` → `fd00::1`; a name as it is. */
function withoutPort(host: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(host);
  if (bracketed) return bracketed[1]!;
  const port = host.lastIndexOf(':');
  return port !== -1 && host.indexOf(':') === port ? host.slice(0, port) : host;
}

/**
 * A folder or the file name: what lies between separators, `\` one of them. Windows paths and
 * shares (C:\Users\…\13812345678.png, \\server\share\张三-身份证.jpg) are written with it, and a
 * browser opens https://host\a\b as https://host/a/b, so a part read across it would show the
 * parts it holds as one the masking passes over.
 */
const PATH_SEGMENT = /[^/\\]+/g;
/** `https://`, `s3://`, `oss://` (and `https:\\`, as a browser reads it too). */
const SCHEME = /^[a-z][a-z0-9+.-]*:[/\\]{2}/i;
/** A share's or a network path's server: \\server\share\…, //server/share/…. */
const NETWORK_PATH = /^[/\\]{2}/;

/**
 * Where the authority (user, password, host) of an address begins and its path begins. An address
 * with neither a scheme nor a server (C:\Users\…, 2026/leak.jpg) is all path: its first part is
 * no host, to be shown as stored.
 */
function authorityOf(uri: string): { authorityStart: number; pathStart: number } {
  const lead = SCHEME.exec(uri) ?? NETWORK_PATH.exec(uri);
  if (lead === null) return { authorityStart: 0, pathStart: 0 };
  const authorityStart = lead[0].length;
  const authorityLength = uri.slice(authorityStart).search(/[/\\?#]/);
  return { authorityStart, pathStart: authorityLength === -1 ? uri.length : authorityStart + authorityLength };
}

function maskedQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => pair.split('=').map((part) => maskedComponent(part, true)).join('='))
    .join('&');
}

/**
 * A digest or a signature (an object keyed by its content's hash, a signed address's
 * X-Amz-Signature): 32 hex characters and more, a letter among them, kept whole, since a run of its
 * digits reads as a phone by chance. Without a letter it is digits, masked as digits are: 32 hex
 * characters of a digest are all digits about once in three million (64, once in 10^13), and a
 * phone glued to other digits is such a run (ADR 0162).
 */
const DIGEST = /((?<![0-9a-z])(?=[0-9]*[a-f])[0-9a-f]{32,}(?![0-9a-z]))/i;

/**
 * A part of the address masked as it reads: percent-escaped digits (%31%33…) or names are masked
 * decoded, then escaped again. Only phones, e-mails and ID numbers: a photo named or filed by the
 * time it was taken (2026/12/05/IMG_20261205_143012.jpg) names no one, and its address masked
 * would lead the reader to no file.
 */
function maskedComponent(component: string, plusIsSpace = false): string {
  // In a query a `+` is a space, as a form writes it (?tel=138+1234+5678), and is written back so.
  const decoded = decodedComponent(plusIsSpace ? component.replace(/\+/g, ' ') : component);
  // split keeps what DIGEST captures at the odd places.
  const redacted = decoded
    .split(DIGEST)
    .map((piece, i) => (i % 2 === 1 ? piece : redactedThrough(piece)))
    .join('');
  if (redacted === decoded) return component;
  if (decoded === component) return redacted;
  const escaped = encodeURIComponent(redacted);
  return plusIsSpace ? escaped.replace(/%20/g, '+') : escaped;
}

/**
 * Redacted again until nothing more is: one pass can leave an identifier the one before it hid,
 * as an e-mail glued to another (x@zhang.san@example.com, whose first match is x@zhang.san), and
 * a stored address masked again (a backfill run twice, a read of a row masked when written) must
 * come out as it went in. Each pass that changes the text masks at least one of its characters,
 * so the passes end.
 */
function redactedThrough(text: string): string {
  let current = text;
  for (let pass = 0; pass <= text.length; pass++) {
    const next = redactIdentifiersInFileName(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** Escapes that decode, each run of them as one (a character of several bytes is a run). */
const ESCAPES = /(?:%[0-9a-f]{2})+/gi;
/** An escaped character of one byte, which decodes alone whatever is beside it. */
const ONE_BYTE_ESCAPE = /%[0-7][0-9a-f]/gi;

function decodedComponent(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    // A stray % (or a character's bytes cut short) is not an escape and is read as written; the
    // escapes beside it are read as escapes all the same. Read as written, `%00` glued digits to
    // a phone after it, which then went unmasked until a pass that masked the stray part let the
    // whole decode: masking what was masked changed it.
    return component.replace(ESCAPES, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run.replace(ONE_BYTE_ESCAPE, (escape) => decodeURIComponent(escape));
      }
    });
  }
}
