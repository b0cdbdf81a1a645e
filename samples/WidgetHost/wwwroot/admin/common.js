// What the admin pages share: the admin key and sign-in, requests to the admin API, the notice and the
// problems list, and a few formatting helpers. Each page script calls Admin.start(load) once.
(function () {
  'use strict';

  var KEY_STORAGE = 'pm.adminKey';
  var NOTICE_STORAGE = 'pm.adminNotice';

  var el = window.DemoDom.el;

  function storedKey() {
    try {
      return sessionStorage.getItem(KEY_STORAGE) || '';
    } catch (e) {
      return '';
    }
  }

  function storeKey(key) {
    try {
      if (key) {
        sessionStorage.setItem(KEY_STORAGE, key);
      } else {
        sessionStorage.removeItem(KEY_STORAGE);
      }
    } catch (e) {
      // Without storage the visitor signs in on every page.
    }
  }

  // A refusal or failure of the API: the problem details (RFC 9457) when the host sent them.
  function ApiError(status, problem) {
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.message = (problem && (problem.title || problem.detail)) || ('The server answered ' + status + '.');
  }
  ApiError.prototype = Object.create(Error.prototype);

  // Thrown after a 401 sent the page back to the sign-in form; callers need not show anything more.
  function SignedOut() {
    this.name = 'SignedOut';
    this.message = 'Signed out';
  }
  SignedOut.prototype = Object.create(Error.prototype);

  var loadPage = null;

  function request(method, path, body, options) {
    var headers = { 'X-Admin-Key': storedKey(), 'Accept': 'application/json, application/problem+json' };
    var payload;
    if (body !== undefined && body !== null) {
      headers['Content-Type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return fetch(path, { method: method, headers: headers, body: payload, credentials: 'same-origin' })
      .catch(function () {
        throw new ApiError(0, { title: 'The server cannot be reached', detail: 'Check that the host is running, then try again.' });
      })
      .then(function (response) {
        if (response.status === 401) {
          showSignIn('The admin key was not accepted. Sign in again.');
          throw new SignedOut();
        }
        if (options && options.raw && response.ok) {
          return response;
        }
        return response.text().then(function (text) {
          var data = null;
          if (text) {
            try {
              data = JSON.parse(text);
            } catch (e) {
              data = null;
            }
          }
          if (!response.ok) {
            throw new ApiError(response.status, data || { title: 'Request failed (' + response.status + ')', detail: text });
          }
          return data;
        });
      });
  }

  function notice(text, link) {
    var node = document.getElementById('notice');
    if (!node) {
      return;
    }
    node.textContent = text || '';
    if (link) {
      node.appendChild(document.createTextNode(' '));
      node.appendChild(el('a', { href: link.href, text: link.text }));
    }
  }

  // Remembers a notice for the next page (after an action that navigates, such as delete).
  function noticeForNextPage(text) {
    try {
      sessionStorage.setItem(NOTICE_STORAGE, text);
    } catch (e) {
      // The notice is lost; the list shows the result anyway.
    }
  }

  function takeStoredNotice() {
    try {
      var text = sessionStorage.getItem(NOTICE_STORAGE);
      sessionStorage.removeItem(NOTICE_STORAGE);
      return text;
    } catch (e) {
      return null;
    }
  }

  function clearProblems() {
    var node = document.getElementById('problems');
    if (node) {
      node.textContent = '';
      node.hidden = true;
    }
  }

  function problemItem(problem) {
    var children = [];
    if (problem.path) {
      children.push(el('code', { text: problem.path }), ' ');
    }
    children.push(problem.message || problem.detail || 'Problem');
    if (problem.code) {
      children.push(' (' + problem.code + ')');
    }
    return el('li', {}, children);
  }

  function showProblems(title, problems, detail) {
    var node = document.getElementById('problems');
    if (!node) {
      return;
    }
    node.textContent = '';
    node.appendChild(el('h2', { text: title || 'Something went wrong' }));
    var list = (problems || []).filter(function (p) { return p; });
    if (list.length === 0 && detail) {
      node.appendChild(el('p', { text: detail }));
    } else if (list.length > 0) {
      node.appendChild(el('ul', {}, list.map(problemItem)));
    }
    node.hidden = false;
  }

  // Shows an error from request(): nothing for a sign-out, else the problem details' title and problems.
  function showError(error, fallbackTitle) {
    if (error instanceof SignedOut) {
      return;
    }
    if (error instanceof ApiError) {
      var problem = error.problem || {};
      showProblems(problem.title || fallbackTitle, problem.problems, problem.detail);
      return;
    }
    showProblems(fallbackTitle || 'Something went wrong', [], error && error.message ? error.message : String(error));
    if (window.console) {
      console.error(error);
    }
  }

  function showSignIn(message) {
    storeKey('');
    var signIn = document.getElementById('sign-in');
    var app = document.getElementById('app');
    var error = document.getElementById('sign-in-error');
    var signOut = document.getElementById('sign-out');
    var dialog = document.getElementById('confirm-delete');
    if (dialog && dialog.open) {
      dialog.close();
    }
    app.hidden = true;
    signIn.hidden = false;
    signOut.hidden = true;
    error.textContent = message || '';
    error.hidden = !message;
    var input = document.getElementById('admin-key');
    input.value = '';
    input.focus();
  }

  function showApp() {
    document.getElementById('sign-in').hidden = true;
    document.getElementById('app').hidden = false;
    document.getElementById('sign-out').hidden = false;
  }

  function start(load) {
    loadPage = load;
    document.getElementById('admin-login').addEventListener('submit', function (event) {
      event.preventDefault();
      var input = document.getElementById('admin-key');
      var key = input.value.trim();
      if (!key) {
        var error = document.getElementById('sign-in-error');
        error.textContent = 'Enter the admin key.';
        error.hidden = false;
        input.focus();
        return;
      }
      storeKey(key);
      showApp();
      loadPage(true);
    });
    document.getElementById('sign-out').addEventListener('click', function () {
      showSignIn('');
    });

    if (storedKey()) {
      showApp();
      loadPage(false);
    } else {
      showSignIn('');
    }
  }

  var numberFormat = new Intl.NumberFormat('en-GB');
  var dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

  function formatNumber(value) {
    return typeof value === 'number' ? numberFormat.format(value) : (value === null || value === undefined ? '–' : String(value));
  }

  function formatDate(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso || '–') : dateFormat.format(date);
  }

  // "noConditionsMet" → "no conditions met": the API's camelCase values read as words on the page.
  function words(value) {
    if (value === null || value === undefined || value === '') {
      return '–';
    }
    if (typeof value !== 'string') {
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    return value.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  }

  var STATUS_LABELS = { draft: 'Draft', live: 'Live', paused: 'Paused', error: 'Error' };
  var ACTION_LABELS = { edit: 'Edit', duplicate: 'Duplicate', publish: 'Publish', pause: 'Pause', resume: 'Resume', 'delete': 'Delete' };
  var DONE = { publish: 'Published', pause: 'Paused', resume: 'Resumed' };

  function statusBadge(status) {
    var key = String(status || '').toLowerCase();
    return el('span', { className: 'badge badge-' + key, text: STATUS_LABELS[key] || words(status) });
  }

  function messagePath(id) {
    return '/admin/messages/' + encodeURIComponent(id);
  }

  function apiMessagePath(id) {
    return '/api/admin/messages/' + encodeURIComponent(id);
  }

  // Runs one of a message's actions except edit and delete's confirmation; resolves to the notice text.
  function runAction(action, item) {
    var quotedName = '“' + item.name + '”';
    if (action === 'duplicate') {
      return request('POST', apiMessagePath(item.id) + '/duplicate').then(function (data) {
        var copy = data && data.message;
        return { text: 'Duplicated ' + quotedName + (copy ? ' as “' + copy.name + '”.' : '.'), message: copy };
      });
    }
    if (action === 'delete') {
      return request('DELETE', apiMessagePath(item.id) + '?version=' + encodeURIComponent(item.version)).then(function () {
        return { text: 'Deleted ' + quotedName + '.' };
      });
    }
    return request('POST', apiMessagePath(item.id) + '/' + action, { version: item.version }).then(function (data) {
      return { text: (DONE[action] || words(action)) + ' ' + quotedName + '.', message: data && data.message };
    });
  }

  // Asks in the #confirm-delete dialog; resolves to true when the visitor chose Delete.
  function confirmDelete(item) {
    var dialog = document.getElementById('confirm-delete');
    document.getElementById('confirm-delete-text').textContent = 'Delete “' + item.name + '”? Its counts go with it, and this cannot be undone.';
    return new Promise(function (resolve) {
      function closed() {
        dialog.removeEventListener('close', closed);
        resolve(dialog.returnValue === 'delete');
      }
      dialog.returnValue = '';
      dialog.addEventListener('close', closed);
      dialog.showModal();
      var cancel = dialog.querySelector('button[value="cancel"]');
      if (cancel) {
        cancel.focus();
      }
    });
  }

  window.Admin = {
    el: el,
    request: request,
    notice: notice,
    noticeForNextPage: noticeForNextPage,
    takeStoredNotice: takeStoredNotice,
    clearProblems: clearProblems,
    showProblems: showProblems,
    showError: showError,
    start: start,
    formatNumber: formatNumber,
    formatDate: formatDate,
    words: words,
    statusBadge: statusBadge,
    messagePath: messagePath,
    apiMessagePath: apiMessagePath,
    actionLabels: ACTION_LABELS,
    runAction: runAction,
    confirmDelete: confirmDelete,
    ApiError: ApiError,
    SignedOut: SignedOut
  };
})();
