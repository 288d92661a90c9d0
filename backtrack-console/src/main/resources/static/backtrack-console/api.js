// Fetch wrapper for the console's JSON API: sends the CSRF token from the XSRF-TOKEN cookie on every POST and turns
// {"error": "..."} answers into rejected promises carrying the status and message.

function csrfToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

// body: the answer's JSON, e.g. a paused run's view beside its error
export class ApiError extends Error {
  constructor(status, message, body = null) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function call(method, path, body, asText = false) {
  const headers = { 'Accept': asText ? '*/*' : 'application/json' };
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken();
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    window.location.href = 'login';
    throw new ApiError(401, 'Not logged in');
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    throw new ApiError(response.status, (json && json.error) || ('HTTP ' + response.status), json);
  }
  return asText ? text : json;
}

export const api = {
  get: (path) => call('GET', 'api/' + path),
  post: (path, body) => call('POST', 'api/' + path, body),
  // an answer that is not JSON (e.g. a CSV file), as text
  postText: (path, body) => call('POST', 'api/' + path, body, true),
  // the answer is a redirect to the login page, which the caller opens itself
  logout: () => fetch('logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrfToken() }, redirect: 'manual',
    credentials: 'same-origin' }),
};

export function query(params) {
  return Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
}
