// A message's page: its facts, what blocks publishing, the allowed actions, the definition to edit,
// the explanation for a sample visitor and the experiment results.
(function () {
  'use strict';

  var A = window.Admin;
  var el = A.el;

  var match = /^\/admin\/messages\/([^/]+)\/?$/.exec(location.pathname);
  var messageId = match ? decodeURIComponent(match[1]) : '';
  var current = null; // the Item of the API
  var storedDefinition = '';

  var sampleUrl = document.getElementById('sample-url');
  sampleUrl.value = location.origin + '/checkout';

  // ---- Loading and rendering -------------------------------------------------------------------

  function load(focusTitle) {
    if (!messageId) {
      A.showProblems('No message', [], 'This address names no message.');
      return Promise.resolve();
    }
    return A.request('GET', A.apiMessagePath(messageId))
      .then(function (data) {
        render(data || {});
        if (focusTitle === true) {
          document.getElementById('page-title').focus();
        }
      })
      .catch(function (error) {
        if (error instanceof A.ApiError && error.status === 404) {
          document.getElementById('page-title').textContent = 'Message not found';
          document.getElementById('crumb').textContent = messageId;
          document.getElementById('message-actions').textContent = '';
        }
        A.showError(error, 'The message could not be loaded');
      });
  }

  function render(data) {
    var item = data.message || {};
    current = item;
    var name = item.name || item.id || messageId;
    document.title = name + ' · Demo Shop admin';
    document.getElementById('page-title').textContent = name;
    document.getElementById('crumb').textContent = name;
    var badge = document.getElementById('status-badge');
    badge.textContent = '';
    badge.appendChild(A.statusBadge(item.status));

    renderFacts(item);
    renderIncomplete(data.incomplete || [], item);
    renderActions(item);

    storedDefinition = data.definition ? JSON.stringify(data.definition, null, 2) : '';
    document.getElementById('definition').value = storedDefinition;

    renderExperiment(data.experiment);
  }

  function fact(term, value, className) {
    return el('div', {}, [el('dt', { text: term }), el('dd', { className: className }, [value])]);
  }

  function renderFacts(item) {
    var facts = document.getElementById('facts');
    facts.textContent = '';
    [
      fact('Status', A.statusBadge(item.status)),
      fact('Channel', item.channelId || '–', 'mono'),
      fact('Version', A.formatNumber(item.version)),
      fact('Sent', A.formatNumber(item.sent)),
      fact('Opened', A.formatNumber(item.opened)),
      fact('Replied', A.formatNumber(item.replied)),
      fact('Last updated', el('time', { datetime: item.updatedAt, text: A.formatDate(item.updatedAt) }))
    ].forEach(function (node) { facts.appendChild(node); });
  }

  function problemItem(problem) {
    var children = [];
    if (problem.path) {
      children.push(el('code', { text: problem.path }), ' ');
    }
    children.push(problem.message || 'Problem');
    if (problem.code) {
      children.push(' (' + problem.code + ')');
    }
    return el('li', {}, children);
  }

  function renderIncomplete(incomplete, item) {
    // An Error message's own problems belong here too: they are what keeps it from showing.
    var problems = incomplete.concat(item.status === 'error' ? (item.problems || []) : []);
    var section = document.getElementById('incomplete');
    var list = document.getElementById('incomplete-list');
    list.textContent = '';
    problems.forEach(function (problem) { list.appendChild(problemItem(problem)); });
    section.hidden = problems.length === 0;
  }

  function renderActions(item) {
    var toolbar = document.getElementById('message-actions');
    toolbar.textContent = '';
    (item.actions || []).forEach(function (action) {
      var button = el('button', {
        type: 'button', 'data-action': action,
        className: 'btn' + (action === 'publish' || action === 'resume' ? ' btn-primary' : '') + (action === 'delete' ? ' btn-danger' : ''),
        text: A.actionLabels[action] || A.words(action)
      });
      button.addEventListener('click', function () { act(action); });
      toolbar.appendChild(button);
    });
  }

  // ---- Actions ---------------------------------------------------------------------------------

  function act(action) {
    if (!current) {
      return;
    }
    if (action === 'edit') {
      var definition = document.getElementById('definition');
      definition.scrollIntoView({ block: 'center' });
      definition.focus();
      return;
    }
    var item = current;
    A.clearProblems();
    A.notice('');
    var confirmed = action === 'delete' ? A.confirmDelete(item) : Promise.resolve(true);
    confirmed.then(function (yes) {
      if (!yes) {
        focusAction(action);
        return null;
      }
      return A.runAction(action, item)
        .then(function (result) {
          if (action === 'delete') {
            A.noticeForNextPage(result.text);
            location.href = '/admin';
            return null;
          }
          if (action === 'duplicate' && result.message) {
            A.notice(result.text, { href: A.messagePath(result.message.id), text: 'Open the copy' });
          } else {
            A.notice(result.text);
          }
          return load().then(function () { focusAction(action); });
        })
        .catch(function (error) {
          A.showError(error, 'The action was refused');
          return load().then(function () { focusAction(action); });
        });
    });
  }

  // After an action the toolbar changes: keep focus on the same action when it is still offered.
  function focusAction(action) {
    var button = document.querySelector('#message-actions button[data-action="' + action + '"]') ||
      document.querySelector('#message-actions button');
    (button || document.getElementById('page-title')).focus();
  }

  document.getElementById('definition-form').addEventListener('submit', function (event) {
    event.preventDefault();
    if (!current) {
      return;
    }
    A.clearProblems();
    A.notice('');
    var text = document.getElementById('definition').value;
    var definition;
    try {
      definition = JSON.parse(text);
    } catch (e) {
      A.showProblems('The definition is not valid JSON', [{ path: '$', message: e.message }]);
      document.getElementById('definition').focus();
      return;
    }
    A.request('PUT', A.apiMessagePath(current.id), { version: current.version, definition: definition })
      .then(function (data) {
        A.notice('Saved “' + ((data && data.message && data.message.name) || current.name) + '”.');
        return load();
      })
      .catch(function (error) { A.showError(error, 'Edit refused'); });
  });

  document.getElementById('definition-reset').addEventListener('click', function () {
    document.getElementById('definition').value = storedDefinition;
    A.clearProblems();
  });

  // ---- Explain ---------------------------------------------------------------------------------

  function sampleEvent() {
    var seconds = Math.max(0, parseFloat(document.getElementById('sample-time').value) || 0);
    var pageViews = Math.max(1, parseInt(document.getElementById('sample-page-views').value, 10) || 1);
    var returning = document.getElementById('sample-returning').checked;
    return {
      channelId: (current && current.channelId) || 'web',
      visitorId: 'v-sample-visitor',
      visitId: 's-sample-visit',
      pageViewId: 'p-sample-page',
      // Time on page is reported by heartbeats; a visitor who has just arrived sends a page view.
      kind: seconds > 0 ? 'heartbeat' : 'pageView',
      eventName: null,
      url: sampleUrl.value.trim(),
      title: '',
      referrer: '',
      language: document.getElementById('sample-language').value.trim(),
      timeOnPageSeconds: seconds,
      pageViews: pageViews,
      visits: returning ? 2 : 1,
      returning: returning
    };
  }

  function show(value) {
    if (value === null || value === undefined) {
      return '–';
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  function metBadge(met) {
    return el('span', { className: 'met ' + (met ? 'met-yes' : 'met-no'), text: met ? 'met' : 'not met' });
  }

  var GROUPS = { all: 'All of these', any: 'Any of these', none: 'None of these' };

  function traceNode(node) {
    if (!node || typeof node !== 'object') {
      return el('li', { text: show(node) });
    }
    var kind = node.kind || 'condition';
    var items = node.items || [];
    if (kind !== 'condition') {
      return el('li', {}, [
        el('div', { className: 'node' }, [
          metBadge(node.met),
          el('strong', { text: GROUPS[kind] || A.words(kind) }),
          node.path ? el('code', { text: node.path }) : null
        ]),
        items.length ? el('ul', {}, items.map(traceNode)) : null
      ]);
    }
    return el('li', {}, [
      el('div', { className: 'node' }, [
        metBadge(node.met),
        node.path ? el('code', { text: node.path }) : null,
        el('span', {}, [el('span', { className: 'label', text: 'field ' }), el('strong', { text: show(node.field) })]),
        el('span', {}, [el('span', { className: 'label', text: 'operator ' }), show(node.operator)]),
        el('span', {}, [el('span', { className: 'label', text: 'value ' }), el('code', { text: show(node.value) })]),
        el('span', {}, [el('span', { className: 'label', text: 'visitor ' }), el('code', { text: show(node.visitorValue) })])
      ])
    ]);
  }

  function verdictLine(term, value) {
    return [el('dt', { text: term }), el('dd', { text: value })];
  }

  function joined(setting, verdict) {
    if (setting === null || setting === undefined || setting === '') {
      return A.words(verdict);
    }
    return A.words(setting) + ': ' + A.words(verdict);
  }

  function renderExplanation(data) {
    var target = document.getElementById('explanation');
    target.textContent = '';
    var messages = (data && data.messages) || [];
    var mine = messages.filter(function (m) { return m.id === messageId; })[0];
    var wouldShow = !!(mine && mine.wouldShow);
    target.appendChild(el('h3', { text: 'Result' }));
    target.appendChild(el('p', { id: 'explanation-verdict', className: 'verdict ' + (wouldShow ? 'verdict-yes' : 'verdict-no'), text: 'Would show: ' + (wouldShow ? 'yes' : 'no') }));
    if (!mine) {
      target.appendChild(el('p', { className: 'muted', text: 'The engine did not consider this message for the sample visitor (only Live messages of the channel are candidates).' }));
    }
    var lines = [].concat(
      verdictLine('Decision', A.words(data && data.outcome)),
      mine ? verdictLine('Candidate', mine.isCandidate ? 'yes' : 'no') : [],
      mine ? verdictLine('Timing', joined(mine.timing, mine.timingVerdict)) : [],
      mine ? verdictLine('Window', A.words(mine.windowVerdict)) : [],
      mine ? verdictLine('Frequency', joined(mine.frequency, mine.frequencyVerdict)) : []
    );
    if (data && data.decision && data.decision.message && data.decision.message.id !== messageId) {
      lines = lines.concat(verdictLine('Shown instead', data.decision.message.name || data.decision.message.id));
    }
    target.appendChild(el('dl', { className: 'verdicts' }, lines));
    if (mine && mine.conditions) {
      target.appendChild(el('h3', { text: 'Conditions' }));
      target.appendChild(el('ul', { className: 'trace' }, [traceNode(mine.conditions)]));
    }
  }

  document.getElementById('explain-form').addEventListener('submit', function (event) {
    event.preventDefault();
    A.clearProblems();
    if (!sampleUrl.value.trim()) {
      A.showProblems('Explain refused', [{ path: 'Page URL', message: 'Enter the page address of the sample visitor.' }]);
      sampleUrl.focus();
      return;
    }
    A.request('POST', '/api/admin/explain', { event: sampleEvent(), messageId: messageId })
      .then(renderExplanation)
      .catch(function (error) { A.showError(error, 'Explain refused'); });
  });

  // ---- Experiment ------------------------------------------------------------------------------

  var percent = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function rate(value, interval) {
    if (typeof value !== 'number') {
      return '–';
    }
    var text = percent.format(value);
    if (interval && typeof interval.lower === 'number' && typeof interval.upper === 'number') {
      text += ' (' + percent.format(interval.lower) + ' to ' + percent.format(interval.upper) + ')';
    }
    return text;
  }

  function comparison(arm) {
    if (arm.isControl) {
      return 'control';
    }
    var versus = arm.versusControl;
    if (!versus) {
      return '–';
    }
    var text = A.words(versus.verdict);
    if (typeof versus.difference === 'number') {
      text += ', ' + (versus.difference >= 0 ? '+' : '') + percent.format(versus.difference);
    }
    return text;
  }

  function armName(arm) {
    var name = arm.armId || arm.variantId || 'arm';
    return arm.isControl && name !== 'control' ? name + ' (control)' : name;
  }

  function renderExperiment(results) {
    var section = document.getElementById('experiment');
    var body = document.getElementById('experiment-body');
    body.textContent = '';
    if (!results) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    var arms = results.arms || [];
    if (results.conclusion) {
      body.appendChild(el('p', {}, [el('strong', { text: 'Conclusion: ' }), A.words(results.conclusion)]));
    }
    if (results.hasGoal === false) {
      body.appendChild(el('p', { className: 'muted', text: 'The experiment has no goal, so nothing is counted as converted.' }));
    }
    var head = ['Arm', 'Visitors', 'Opened', 'Replied', 'Converted', 'Conversion rate (95% interval)', 'Versus control'];
    var table = el('table', { className: 'data-table' }, [
      el('caption', { text: 'Results per arm' }),
      el('thead', {}, [el('tr', {}, head.map(function (h, i) { return el('th', { scope: 'col', className: i > 0 && i < 5 ? 'num' : null, text: h }); }))]),
      el('tbody', {}, arms.map(function (arm) {
        return el('tr', {}, [
          el('th', { scope: 'row', text: armName(arm) }),
          el('td', { className: 'num', text: A.formatNumber(arm.visitors) }),
          el('td', { className: 'num', text: A.formatNumber(arm.opened) }),
          el('td', { className: 'num', text: A.formatNumber(arm.replied) }),
          el('td', { className: 'num', text: A.formatNumber(arm.converted) }),
          el('td', { text: rate(arm.conversionRate, arm.rateInterval) }),
          el('td', { text: comparison(arm) })
        ]);
      }))
    ]);
    body.appendChild(table);
    if (location.hash === '#experiment') {
      section.scrollIntoView();
    }
  }

  // ---- Start -----------------------------------------------------------------------------------

  var stored = A.takeStoredNotice();
  if (stored) {
    A.notice(stored);
  }
  A.start(load);
})();
