// The messaging widget: a launcher button, a proactive message above it and a conversation panel.
// It reports the visitor's page views, time on page and shop events to the host, which asks the engine
// whether a message should show; it records what the visitor does with a message as outcomes.
// It never bothers the visitor with its own failures: a failed request is logged and the launcher keeps working.
(function () {
  'use strict';

  if (document.getElementById('pm-widget')) {
    return;
  }

  var script = document.currentScript;
  var channelId = (script && script.getAttribute('data-channel')) || 'web';
  var heartbeatSeconds = parseFloat((script && script.getAttribute('data-heartbeat-seconds')) || '5');
  if (!(heartbeatSeconds > 0)) {
    heartbeatSeconds = 5;
  }
  var apiBase = script && script.src ? new URL('/api/visitor/', script.src).href : '/api/visitor/';

  var AGENT_JOINS = 'An agent will join you shortly.';
  var LAUNCHER_TEXT = 'Chat with us';

  // ---- Visitor, visit and page view identities -------------------------------------------------

  function randomId(prefix) {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return prefix + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function storageGet(storage, key) {
    try {
      return storage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function storageSet(storage, key, value) {
    try {
      storage.setItem(key, value);
    } catch (e) {
      // Storage can be disabled; the ids then last for this page only.
    }
  }

  var visitorId = storageGet(localStorage, 'pm.visitorId');
  if (!visitorId) {
    visitorId = randomId('v-');
    storageSet(localStorage, 'pm.visitorId', visitorId);
  }

  var visits = parseInt(storageGet(localStorage, 'pm.visits') || '0', 10) || 0;
  var visitId = storageGet(sessionStorage, 'pm.visitId');
  if (!visitId) {
    // A tab session without a visit id is a new visit.
    visitId = randomId('s-');
    storageSet(sessionStorage, 'pm.visitId', visitId);
    storageSet(sessionStorage, 'pm.pageViews', '0');
    visits += 1;
    storageSet(localStorage, 'pm.visits', String(visits));
  }
  visits = Math.max(visits, 1);

  var pageViews = (parseInt(storageGet(sessionStorage, 'pm.pageViews') || '0', 10) || 0) + 1;
  storageSet(sessionStorage, 'pm.pageViews', String(pageViews));

  var pageViewId = randomId('p-');
  var loadedAt = Date.now();

  // ---- DOM -------------------------------------------------------------------------------------

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === 'text') {
        node.textContent = value;
      } else if (name === 'className') {
        node.className = value;
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function svg(pathData, className) {
    var ns = 'http://www.w3.org/2000/svg';
    var icon = document.createElementNS(ns, 'svg');
    icon.setAttribute('viewBox', '0 0 24 24');
    icon.setAttribute('aria-hidden', 'true');
    icon.setAttribute('focusable', 'false');
    icon.setAttribute('class', className);
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('d', pathData);
    icon.appendChild(path);
    return icon;
  }

  var CHAT_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  var CLOSE_ICON = 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z';
  var SEND_ICON = 'M3 20.5 21.5 12 3 3.5l.01 6.6L16 12 3.01 13.9z';

  if (!document.querySelector('link[href$="/widget/widget.css"]')) {
    document.head.appendChild(el('link', { rel: 'stylesheet', href: new URL('/widget/widget.css', script ? script.src : location.href).href }));
  }

  var launcherLabel = el('span', { id: 'pm-launcher-label', className: 'pm-launcher-label', text: LAUNCHER_TEXT });
  var launcher = el('button', {
    id: 'pm-launcher', type: 'button', className: 'pm-launcher',
    'aria-controls': 'pm-conversation', 'aria-expanded': 'false'
  }, [svg(CHAT_ICON, 'pm-icon'), launcherLabel]);

  var messageSender = el('p', { className: 'pm-sender' });
  var messageText = el('span', { className: 'pm-text' });
  var messageOpen = el('button', { id: 'pm-message-open', type: 'button', className: 'pm-message-open' }, [messageText]);
  var messageDismiss = el('button', { id: 'pm-message-dismiss', type: 'button', className: 'pm-icon-button pm-message-dismiss', 'aria-label': 'Dismiss message' }, ['×']);
  // Reading order is sender, text, then X (the X is placed in the corner by the style sheet).
  var messageCard = el('div', { id: 'pm-message', className: 'pm-message', role: 'region', 'aria-live': 'polite', hidden: true }, [
    el('div', { className: 'pm-message-head' }, [el('span', { className: 'pm-avatar', 'aria-hidden': 'true' }), messageSender]),
    messageOpen,
    messageDismiss
  ]);

  var panelTitle = el('h2', { id: 'pm-conversation-title', className: 'pm-panel-title' });
  var panelSub = el('p', { className: 'pm-panel-sub' });
  var panelAvatar = el('span', { className: 'pm-avatar pm-avatar-large', 'aria-hidden': 'true' });
  var closeButton = el('button', { id: 'pm-conversation-close', type: 'button', className: 'pm-icon-button pm-close', 'aria-label': 'Close conversation' }, [svg(CLOSE_ICON, 'pm-icon')]);
  var transcript = el('ol', { id: 'pm-transcript', className: 'pm-transcript' });
  var composer = el('div', { className: 'pm-composer' });
  var panel = el('section', { id: 'pm-conversation', className: 'pm-conversation', role: 'dialog', tabindex: '-1', hidden: true }, [
    el('div', { className: 'pm-panel-head' }, [panelAvatar, el('div', { className: 'pm-panel-heading' }, [panelTitle, panelSub]), closeButton]),
    el('div', { className: 'pm-panel-body' }, [transcript]),
    composer
  ]);

  var root = el('div', { id: 'pm-widget', className: 'pm-widget', 'data-state': 'idle' }, [panel, messageCard, launcher]);
  document.body.appendChild(root);

  // ---- Talking to the host ---------------------------------------------------------------------

  function post(path, body) {
    return fetch(apiBase + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      keepalive: path === 'outcomes'
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) {
          throw new Error('POST ' + path + ' answered ' + response.status + ': ' + text);
        });
      }
      return response.json();
    });
  }

  function quietly(error) {
    if (window.console && console.warn) {
      console.warn('Messaging widget:', error && error.message ? error.message : error);
    }
  }

  function recordOutcome(outcome, messageId) {
    return post('outcomes', { visitorId: visitorId, visitId: visitId, messageId: messageId || null, outcome: outcome })
      .catch(quietly);
  }

  var state = 'idle';
  var message = null; // the message on show or in the conversation
  var eventsInFlight = 0;
  var heartbeatDue = false;

  function event(kind, eventName) {
    return {
      channelId: channelId,
      visitorId: visitorId,
      visitId: visitId,
      pageViewId: pageViewId,
      kind: kind,
      eventName: eventName || null,
      url: location.href,
      title: document.title,
      referrer: document.referrer || '',
      language: navigator.language || '',
      timeOnPageSeconds: Math.max(0, (Date.now() - loadedAt) / 1000),
      pageViews: pageViews,
      visits: visits,
      returning: visits > 1
    };
  }

  function send(kind, eventName) {
    // Page views and heartbeats ask for a message only while nothing is on show: a shown message or
    // an open conversation wins. An SDK event always goes: it may be a goal the engine counts (a
    // purchase made while a message is on show still converts).
    if (state !== 'idle' && kind !== 'appEvent') {
      return;
    }
    if (kind === 'heartbeat' && eventsInFlight > 0) {
      // One question at a time: the heartbeat goes when the answer is in, with the time on page of then.
      heartbeatDue = true;
      return;
    }
    eventsInFlight += 1;
    post('events', event(kind, eventName))
      .then(function (decision) {
        if (decision && decision.show && decision.message && state === 'idle') {
          showMessage(decision.message);
        }
      })
      .catch(quietly)
      .then(function () {
        eventsInFlight -= 1;
        if (heartbeatDue && eventsInFlight === 0) {
          heartbeatDue = false;
          send('heartbeat');
        }
      });
  }

  // ---- States ----------------------------------------------------------------------------------

  function senderName(m) {
    return (m && m.sender && m.sender.name) || 'Demo Shop';
  }

  function setState(next) {
    state = next;
    root.setAttribute('data-state', next);
    messageCard.hidden = next !== 'message';
    panel.hidden = next !== 'open';
    launcher.setAttribute('aria-expanded', next === 'open' ? 'true' : 'false');
    if (next === 'message') {
      launcherLabel.textContent = message.text;
      // The name starts with the text the launcher shows, so a voice user who says what they see
      // reaches it (WCAG 2.5.3, label in name).
      launcher.setAttribute('aria-label', message.text + ' (open the message from ' + senderName(message) + ')');
    } else {
      launcherLabel.textContent = LAUNCHER_TEXT;
      launcher.removeAttribute('aria-label');
    }
  }

  function initial(name) {
    var letter = (name || '?').trim().charAt(0);
    return letter ? letter.toUpperCase() : '?';
  }

  function showMessage(m) {
    message = m;
    var name = senderName(m);
    messageSender.textContent = name;
    messageText.textContent = m.text || '';
    messageCard.setAttribute('aria-label', 'Message from ' + name);
    messageCard.setAttribute('data-sender-kind', (m.sender && m.sender.kind) || 'agent');
    messageCard.querySelector('.pm-avatar').textContent = initial(name);
    setState('message');
  }

  function dismiss() {
    if (state !== 'message') {
      return;
    }
    var dismissed = message;
    message = null;
    setState('idle');
    launcher.focus();
    recordOutcome('dismissed', dismissed.id);
  }

  function entry(from, text) {
    var item = el('li', { className: 'pm-entry pm-from-' + from }, [el('p', { className: 'pm-bubble', text: text })]);
    transcript.appendChild(item);
    item.scrollIntoView({ block: 'nearest' });
    return item;
  }

  function detailsForm(m) {
    var fields = [];
    if (m.askForName) {
      fields.push(el('div', { className: 'pm-field' }, [
        el('label', { 'for': 'pm-name', text: 'Name' }),
        el('input', { id: 'pm-name', name: 'name', autocomplete: 'name', required: true })
      ]));
    }
    if (m.askForEmail) {
      fields.push(el('div', { className: 'pm-field' }, [
        el('label', { 'for': 'pm-email', text: 'Email' }),
        el('input', { id: 'pm-email', name: 'email', type: 'email', autocomplete: 'email', required: true })
      ]));
    }
    var form = el('form', { id: 'pm-details', className: 'pm-details' }, [
      el('p', { className: 'pm-details-intro', text: 'Leave your details so we can get back to you.' })
    ].concat(fields, [
      el('button', { type: 'submit', className: 'pm-button', text: 'Send' })
    ]));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!form.reportValidity()) {
        return;
      }
      var given = Array.prototype.map.call(form.querySelectorAll('input'), function (input) { return input.value.trim(); })
        .filter(function (value) { return value; });
      composer.textContent = '';
      entry('visitor', given.join(' · '));
      if (m.followUp) {
        entry('agent', m.followUp);
      }
      entry('system', AGENT_JOINS);
      panel.focus();
      recordOutcome('replied', m.id);
    });
    return form;
  }

  function replyForm(onFirstSend) {
    var input = el('input', { id: 'pm-reply-text', name: 'message', autocomplete: 'off', placeholder: 'Type a message' });
    var form = el('form', { id: 'pm-reply', className: 'pm-reply' }, [
      el('label', { 'for': 'pm-reply-text', className: 'pm-reply-label', text: 'Your message' }),
      el('div', { className: 'pm-reply-row' }, [
        input,
        el('button', { type: 'submit', className: 'pm-send', 'aria-label': 'Send' }, [svg(SEND_ICON, 'pm-icon')])
      ])
    ]);
    var sent = false;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var text = input.value.trim();
      if (!text) {
        input.focus();
        return;
      }
      input.value = '';
      entry('visitor', text);
      if (!sent) {
        sent = true;
        onFirstSend();
      }
      input.focus();
    });
    return form;
  }

  function openConversation() {
    if (state === 'open') {
      return;
    }
    var m = message;
    transcript.textContent = '';
    composer.textContent = '';
    var name = m ? senderName(m) : 'Demo Shop';
    panel.setAttribute('aria-label', 'Conversation with ' + name);
    panel.setAttribute('data-sender-kind', m && m.sender ? m.sender.kind : 'agent');
    panelTitle.textContent = name;
    panelAvatar.textContent = initial(name);
    panelSub.textContent = m && m.sender && m.sender.kind === 'bot' ? 'Answers right away' : 'Typically replies in a few minutes';
    setState('open');

    if (!m) {
      entry('system', 'Ask us anything: we usually reply in a few minutes.');
      composer.appendChild(replyForm(function () {
        entry('system', AGENT_JOINS);
        recordOutcome('conversationStarted', null);
      }));
      focusFirstField();
      return;
    }

    var isBot = m.sender && m.sender.kind === 'bot';
    entry(isBot ? 'bot' : 'agent', m.text || '');
    if (isBot) {
      if (m.botAnswer && m.botAnswer.firstStep) {
        entry('bot', m.botAnswer.firstStep);
      }
      composer.appendChild(replyForm(function () { recordOutcome('replied', m.id); }));
    } else if (m.askForName || m.askForEmail) {
      composer.appendChild(detailsForm(m));
    } else {
      if (m.followUp) {
        entry('agent', m.followUp);
      }
      composer.appendChild(replyForm(function () {
        entry('system', AGENT_JOINS);
        recordOutcome('replied', m.id);
      }));
    }
    focusFirstField();
    recordOutcome('opened', m.id);
  }

  function focusFirstField() {
    var first = panel.querySelector('input');
    (first || panel).focus();
  }

  function closeConversation() {
    if (state !== 'open') {
      return;
    }
    var closed = message;
    message = null;
    setState('idle');
    launcher.focus();
    if (closed) {
      recordOutcome('windowClosed', closed.id);
    }
  }

  launcher.addEventListener('click', function () {
    if (state === 'open') {
      closeConversation();
    } else {
      openConversation();
    }
  });
  messageOpen.addEventListener('click', openConversation);
  messageDismiss.addEventListener('click', dismiss);
  closeButton.addEventListener('click', closeConversation);
  root.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && state === 'open') {
      e.preventDefault();
      closeConversation();
    }
  });

  // ---- Start -----------------------------------------------------------------------------------

  window.ProactiveWidget = {
    // Reports a shop event (an SDK event), e.g. 'addedToCart' (a name the workspace declares), to the engine.
    track: function (eventName) {
      if (typeof eventName === 'string' && eventName) {
        send('appEvent', eventName);
      }
    }
  };

  send('pageView');
  setInterval(function () { send('heartbeat'); }, heartbeatSeconds * 1000);
})();
