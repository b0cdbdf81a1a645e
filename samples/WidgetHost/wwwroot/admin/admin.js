// The admin list: the messages sorted by the API, each row's menu of the actions its status allows,
// export and import of the catalog.
(function () {
  'use strict';

  var A = window.Admin;
  var el = A.el;

  var table = document.getElementById('messages');
  var tbody = table.querySelector('tbody');
  var sort = { column: 'name', direction: 'ascending' };
  var items = [];
  var openMenu = null; // { button, menu }

  // ---- Loading and rendering -------------------------------------------------------------------

  function load(focusTitle) {
    var query = '?sort=' + encodeURIComponent(sort.column) + '&direction=' + encodeURIComponent(sort.direction);
    table.setAttribute('aria-busy', 'true');
    return A.request('GET', '/api/admin/messages' + query)
      .then(function (data) {
        items = (data && data.items) || [];
        sort.column = (data && data.sort) || sort.column;
        sort.direction = (data && data.direction) || sort.direction;
        render(data && typeof data.total === 'number' ? data.total : items.length);
        if (focusTitle === true) {
          document.getElementById('page-title').focus();
        }
      })
      .catch(function (error) { A.showError(error, 'The messages could not be loaded'); })
      .then(function () { table.removeAttribute('aria-busy'); });
  }

  function render(total) {
    closeMenu(false);
    Array.prototype.forEach.call(table.querySelectorAll('thead th[aria-sort]'), function (th) {
      var button = th.querySelector('button[data-sort]');
      th.setAttribute('aria-sort', button.getAttribute('data-sort') === sort.column ? sort.direction : 'none');
    });
    tbody.textContent = '';
    items.forEach(function (item, index) { tbody.appendChild(row(item, index)); });
    if (items.length === 0) {
      tbody.appendChild(el('tr', {}, [el('td', { colspan: 8, className: 'empty-row', text: 'No messages yet. Import a catalog to start.' })]));
    }
    document.getElementById('messages-count').textContent = total === 1 ? '1 message' : A.formatNumber(total) + ' messages';
  }

  function row(item, index) {
    var nameCell = el('td', { className: 'name-cell' }, [
      el('a', { href: A.messagePath(item.id), className: 'message-link', text: item.name || item.id })
    ]);
    return el('tr', { 'data-message-id': item.id }, [
      nameCell,
      el('td', {}, [A.statusBadge(item.status)]),
      el('td', { className: 'mono', text: item.channelId || '–' }),
      el('td', { className: 'num', text: A.formatNumber(item.sent) }),
      el('td', { className: 'num', text: A.formatNumber(item.opened) }),
      el('td', { className: 'num', text: A.formatNumber(item.replied) }),
      el('td', {}, [el('time', { datetime: item.updatedAt, text: A.formatDate(item.updatedAt) })]),
      actionsCell(item, index)
    ]);
  }

  function actionsCell(item, index) {
    var menuId = 'row-menu-' + index;
    var label = 'Actions for ' + (item.name || item.id);
    var button = el('button', {
      type: 'button', className: 'row-menu', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
      'aria-controls': menuId, 'aria-label': label
    }, [el('span', { 'aria-hidden': 'true', className: 'dots', text: '⋯' })]);
    var menu = el('ul', { id: menuId, role: 'menu', 'aria-label': label, className: 'menu', hidden: true },
      (item.actions || []).map(function (action) {
        return el('li', { role: 'none' }, [
          el('button', { type: 'button', role: 'menuitem', tabindex: '-1', 'data-action': action, className: action === 'delete' ? 'danger' : null, text: A.actionLabels[action] || A.words(action) })
        ]);
      }));

    button.addEventListener('click', function () {
      if (openMenu && openMenu.button === button) {
        closeMenu(true);
      } else {
        showMenu(button, menu, 0);
      }
    });
    button.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        showMenu(button, menu, event.key === 'ArrowUp' ? -1 : 0);
      }
    });
    menu.addEventListener('keydown', function (event) { menuKey(event, button, menu); });
    menu.addEventListener('click', function (event) {
      var target = event.target.closest('button[data-action]');
      if (target) {
        closeMenu(true);
        act(target.getAttribute('data-action'), item);
      }
    });
    // The experiment link sits with the actions, so the Name cell holds the name alone.
    var experiment = item.hasExperiment
      ? el('a', { href: A.messagePath(item.id) + '#experiment', className: 'experiment-link', 'aria-label': 'Experiment results for ' + (item.name || item.id), text: 'Experiment results' })
      : null;
    return el('td', { className: 'actions-cell' }, [experiment, button, menu]);
  }

  // ---- Row menus -------------------------------------------------------------------------------

  function menuItems(menu) {
    return Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]'));
  }

  function showMenu(button, menu, focusIndex) {
    closeMenu(false);
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    openMenu = { button: button, menu: menu };
    var entries = menuItems(menu);
    if (entries.length > 0) {
      entries[focusIndex < 0 ? entries.length - 1 : Math.min(focusIndex, entries.length - 1)].focus();
    }
  }

  function closeMenu(returnFocus) {
    if (!openMenu) {
      return;
    }
    var current = openMenu;
    openMenu = null;
    current.menu.hidden = true;
    current.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) {
      current.button.focus();
    }
  }

  function menuKey(event, button, menu) {
    var entries = menuItems(menu);
    var index = entries.indexOf(document.activeElement);
    var next = null;
    switch (event.key) {
      case 'ArrowDown': next = (index + 1) % entries.length; break;
      case 'ArrowUp': next = (index - 1 + entries.length) % entries.length; break;
      case 'Home': next = 0; break;
      case 'End': next = entries.length - 1; break;
      case 'Escape':
        event.preventDefault();
        closeMenu(true);
        return;
      case 'Tab':
        closeMenu(false);
        return;
      default: return;
    }
    event.preventDefault();
    if (entries.length > 0) {
      entries[next].focus();
    }
  }

  document.addEventListener('click', function (event) {
    if (openMenu && !openMenu.menu.contains(event.target) && !openMenu.button.contains(event.target)) {
      closeMenu(false);
    }
  });

  // ---- Actions ---------------------------------------------------------------------------------

  function focusRow(id) {
    var target = Array.prototype.find.call(tbody.querySelectorAll('tr[data-message-id]'), function (tr) {
      return tr.getAttribute('data-message-id') === id;
    });
    var button = target && target.querySelector('.row-menu');
    (button || document.getElementById('page-title')).focus();
  }

  function act(action, item) {
    if (action === 'edit') {
      location.href = A.messagePath(item.id);
      return;
    }
    A.clearProblems();
    A.notice('');
    var confirmed = action === 'delete' ? A.confirmDelete(item) : Promise.resolve(true);
    confirmed.then(function (yes) {
      if (!yes) {
        focusRow(item.id);
        return null;
      }
      return A.runAction(action, item)
        .then(function (result) {
          A.notice(result.text);
          return load().then(function () { focusRow(item.id); });
        })
        .catch(function (error) {
          A.showError(error, 'The action was refused');
          // The list may be stale (another edit, a stale version): show what is stored now.
          return load().then(function () { focusRow(item.id); });
        });
    });
  }

  // ---- Sorting ---------------------------------------------------------------------------------

  Array.prototype.forEach.call(table.querySelectorAll('thead button[data-sort]'), function (button) {
    button.addEventListener('click', function () {
      var column = button.getAttribute('data-sort');
      if (column === sort.column) {
        sort.direction = sort.direction === 'ascending' ? 'descending' : 'ascending';
      } else {
        sort.column = column;
        sort.direction = 'ascending';
      }
      A.clearProblems();
      load();
    });
  });

  // ---- Export and import -----------------------------------------------------------------------

  document.getElementById('export-catalog').addEventListener('click', function (event) {
    // The export needs the admin key header, which a plain link cannot send: fetch it, then save the file.
    event.preventDefault();
    A.clearProblems();
    A.request('GET', '/api/admin/catalog', null, { raw: true })
      .then(function (response) {
        var disposition = response.headers.get('Content-Disposition') || '';
        var match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
        var fileName = match ? decodeURIComponent(match[1]) : 'catalog.json';
        return response.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var link = el('a', { href: url, download: fileName, hidden: true });
          document.body.appendChild(link);
          link.click();
          document.body.removeChild(link);
          setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
          A.notice('Exported the catalog as ' + fileName + '.');
        });
      })
      .catch(function (error) { A.showError(error, 'The catalog could not be exported'); });
  });

  function listOf(ids) {
    return ids && ids.length ? ' (' + ids.join(', ') + ')' : '';
  }

  document.getElementById('import-form').addEventListener('submit', function (event) {
    event.preventDefault();
    A.clearProblems();
    A.notice('');
    var input = document.getElementById('import-file');
    var file = input.files && input.files[0];
    if (!file) {
      A.showProblems('Nothing to import', [], 'Choose a catalog file (JSON) first.');
      input.focus();
      return;
    }
    var onExisting = document.getElementById('import-on-existing').value;
    file.text()
      .then(function (text) {
        return A.request('POST', '/api/admin/catalog?onExisting=' + encodeURIComponent(onExisting), text);
      })
      .then(function (report) {
        report = report || {};
        var inserted = report.inserted || [];
        var replaced = report.replaced || [];
        var skipped = report.skipped || [];
        var moved = report.movedToError || [];
        A.notice('Imported ' + file.name + ': ' +
          inserted.length + ' inserted' + listOf(inserted) + ', ' +
          replaced.length + ' replaced' + listOf(replaced) + ', ' +
          skipped.length + ' skipped' + listOf(skipped) + ', ' +
          moved.length + ' moved to Error' + listOf(moved.map(function (m) { return m.id; })) + '.');
        if (moved.length > 0) {
          var problems = [];
          moved.forEach(function (m) {
            (m.problems || []).forEach(function (p) {
              problems.push({ code: p.code, path: p.path, message: m.id + ': ' + p.message });
            });
          });
          A.showProblems('Imported, but moved to Error: ' + moved.map(function (m) { return m.id; }).join(', '), problems);
        }
        input.value = '';
        return load();
      })
      .catch(function (error) { A.showError(error, 'Import refused'); });
  });

  // ---- Start -----------------------------------------------------------------------------------

  var stored = A.takeStoredNotice();
  if (stored) {
    A.notice(stored);
  }
  A.start(load);
})();
